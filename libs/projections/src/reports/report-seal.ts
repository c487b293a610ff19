/**
 * The latest signed checkpoint, as the committee's papers print it: anchored in minutes no administrator
 * can reach, it lets an auditor later hold the store to what the committee was shown. The reports only
 * print it; libs/seal provides it (`REPORT_SEAL`) and holds the key.
 */
export interface ReportSeal {
  sequence: number;
  /** The global position of the last event it covers, and how many events it covers from the start. */
  position: string;
  count: number;
  root: string;
  keyFingerprint: string;
  signature: string;
  sealedAt: string;
}

/**
 * Where the report service asks for the latest checkpoint the store had written by `knownAt` (the
 * report's "as known at"), so a past committee's paper is drawn up again with the seal it had; null
 * while nothing was sealed by then.
 */
export interface LatestSeal {
  latest(knownAt: Date): Promise<ReportSeal | null>;
}

export const REPORT_SEAL = Symbol('REPORT_SEAL');

/** The seal in one sentence, the same in every format; short forms of the fingerprint and signature, the root in full. */
export function sealWords(seal: ReportSeal | null): string {
  if (seal === null) return 'Not yet sealed: no signed checkpoint of the history had been written when this report was made.';
  return (
    `Sealed by checkpoint #${seal.sequence} (${seal.sealedAt}): ${seal.count} events to position ${seal.position}, ` +
    `root ${seal.root}, key ${seal.keyFingerprint.slice(0, 16)}, signature ${seal.signature.slice(0, 16)}.`
  );
}
