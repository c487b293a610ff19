/** One thing verification found wrong, in words: its kind (`deleted-event`, `checkpoint-forged`, …) and what it names. */
export interface IntegrityProblem {
  kind: string;
  message: string;
}

/**
 * The port through which the command pipeline asks whether a stream's history still verifies against
 * the signed checkpoints. libs/seal provides it in the API (`HISTORY_INTEGRITY`); without it (the cli,
 * tests) nothing is refused.
 */
export interface HistoryIntegrity {
  /**
   * What is wrong with the stream's sealed history, or with the whole history (a forged checkpoint puts
   * every stream in doubt); empty when it verifies. Waits for the verification the API runs at start.
   */
  problemsOf(stream: string): Promise<IntegrityProblem[]>;
}

export const HISTORY_INTEGRITY = Symbol('HISTORY_INTEGRITY');
