import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Clock } from '@hmicfrs/clock';
import type { HistoryIntegrity, IntegrityProblem } from '@hmicfrs/workflow';
import { NothingSealed, type Finding } from './verify-history';
import type { VerifiesHistory } from './verify-thread';

/** What the running API knows of its history's integrity, for `/health`. */
export interface IntegrityStatus {
  /** verifying: the check at start is running; nothing-sealed: no checkpoint yet; intact; broken: see `broken`. */
  state: 'verifying' | 'nothing-sealed' | 'intact' | 'broken';
  /** The last checkpoint verified: its sequence and position, and when it was verified. */
  lastVerifiedSequence: number | null;
  lastVerifiedPosition: string | null;
  lastVerifiedAt: string | null;
  /** Events verified since the API started. */
  eventsVerified: number;
  /** Everything found, each naming its stream, revision or checkpoint (at most the first 50). */
  broken: { kind: string; stream: string | null; message: string }[];
  /** When verification itself could not run (the store unreachable): why; null otherwise. */
  failing: string | null;
}

/** Findings that name no item's stream put every stream in doubt: the checkpoints themselves, or the store. */
const WHOLE_HISTORY = new Set<Finding['kind']>([
  'checkpoint-forged',
  'checkpoint-wrong-key',
  'checkpoint-chain',
  'checkpoint-replaced',
  'checkpoint-missing',
  'seal-stream-chain',
  'store-damaged',
]);

/**
 * The API's watch over its own history: verifies everything up to the last checkpoint at start, then
 * each new checkpoint's range as it is written (`checkpointed()`, from the sealer or when another
 * process's checkpoint arrives), holding the store's checkpoints to the API's own key. The command
 * pipeline asks it before every write (`HistoryIntegrity`); a stream with a finding, or any stream when
 * the checkpoints themselves fail, is refused. The walk itself is the verifier's: a `HistoryVerifier`
 * on this thread, or `VerifyThread` running one in a worker (`SealModule`).
 */
export class HistoryWatch implements HistoryIntegrity, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Integrity');
  private findings: Finding[] = [];
  private readonly state: IntegrityStatus = {
    state: 'verifying',
    lastVerifiedSequence: null,
    lastVerifiedPosition: null,
    lastVerifiedAt: null,
    eventsVerified: 0,
    broken: [],
    failing: null,
  };
  /** The pass at start; commands wait for it. */
  private started: Promise<void> = Promise.resolve();
  private running: Promise<void> = Promise.resolve();
  private again = false;
  private stopped = false;

  constructor(
    private readonly verifier: VerifiesHistory,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.started = this.checkpointed();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.verifier.close?.();
  }

  status(): IntegrityStatus {
    return { ...this.state, broken: [...this.state.broken] };
  }

  async problemsOf(stream: string): Promise<IntegrityProblem[]> {
    await this.started;
    return this.findings
      .filter((finding) => finding.streamId === stream || wholeHistory(finding))
      .map(({ kind, message }) => ({ kind, message }));
  }

  /** A checkpoint was written: verify its range. Passes run one at a time; one asked for meanwhile runs after. */
  checkpointed(): Promise<void> {
    if (this.again) return this.running;
    this.again = true;
    this.running = this.running.then(() => {
      this.again = false;
      return this.pass();
    });
    return this.running;
  }

  private async pass(): Promise<void> {
    try {
      const verdict = await this.verifier.verify({ throughUnsealed: false });
      const fresh = verdict.findings.slice(this.findings.length);
      this.findings = verdict.findings;
      for (const finding of fresh) this.logger.error(`History altered: ${finding.kind}: ${finding.message}`);
      const sealed = verdict.sealedThrough;
      Object.assign(this.state, {
        state: verdict.findings.length > 0 ? 'broken' : 'intact',
        lastVerifiedSequence: sealed?.sequence ?? null,
        lastVerifiedPosition: sealed?.position ?? null,
        lastVerifiedAt: this.clock().toISOString(),
        eventsVerified: verdict.events,
        broken: verdict.findings.slice(0, 50).map(({ kind, streamId, message }) => ({ kind, stream: streamId ?? null, message })),
        failing: null,
      });
    } catch (error) {
      if (error instanceof NothingSealed) {
        this.state.state = 'nothing-sealed';
        return;
      }
      // The app is stopping (its verifier's thread ended under it): nothing to report.
      if (this.stopped) return;
      // Not a finding about the history: the store could not be asked. Commands are not refused for it.
      this.state.failing = error instanceof Error ? error.message : String(error);
      this.logger.error(`Verification could not run: ${this.state.failing}`);
    }
  }
}

/** Checkpoints that fail, a store that cannot be read, events reordered with no stream to blame: every stream is in doubt. */
function wholeHistory(finding: Finding): boolean {
  return WHOLE_HISTORY.has(finding.kind) || (finding.kind === 'reordered' && finding.streamId === undefined);
}
