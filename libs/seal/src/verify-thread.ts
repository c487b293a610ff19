import { extname, join } from 'node:path';
import type { Piscina } from 'piscina';
import type { EventStore } from '@hmicfrs/event-store';
import { threadPool } from '@hmicfrs/projections';
import { SEAL_STREAM } from './checkpoint';
import { NothingSealed, type HistoryVerdict, type HistoryVerifier } from './verify-history';
import type { VerifyOutcome, VerifyWorkerData } from './verify-worker';

/** What `HistoryWatch` asks of a verifier: a `HistoryVerifier` on this thread, or `VerifyThread` (which also closes). */
export type VerifiesHistory = Pick<HistoryVerifier, 'verify'> & { close?(): Promise<void> };

/**
 * The API's verification of its history in a worker thread, on its own read-only connection to the
 * store (docs/architecture.md, "Heavy reads off the request thread"): the walk over every event at
 * start, and over each checkpoint's range after, no longer holds the requests behind it. One thread,
 * kept for the app's life, holding the one `HistoryVerifier` that carries on from pass to pass; the
 * same verdicts come back. For EventStoreDB the thread opens a client of its own from the connection
 * string (`openEventStoreToRead`).
 */
export class VerifyThread implements VerifiesHistory {
  private pool: Piscina | undefined;

  /** `store`: the app's own, asked only whether anything is sealed yet. */
  constructor(
    private readonly store: EventStore,
    private readonly data: VerifyWorkerData,
  ) {}

  /** @throws NothingSealed when the store holds no checkpoint yet */
  async verify(options: { throughUnsealed: boolean }): Promise<HistoryVerdict> {
    // Until the store holds a checkpoint a first pass finds nothing sealed, on any thread: the thread (and
    // the sources it loads) waits for one. A store that cannot say is the worker's to report, as a finding.
    if (this.pool === undefined && !(await this.store.streamExists(SEAL_STREAM).catch(() => true))) throw new NothingSealed();
    this.pool ??= threadPool({
      script: join(__dirname, `verify-worker${extname(__filename)}`),
      threads: 1,
      idleMs: Infinity,
      workerData: this.data,
    });
    const outcome = (await this.pool.run(options)) as VerifyOutcome;
    if ('nothingSealed' in outcome) throw new NothingSealed();
    return outcome.verdict;
  }

  /** A pass under way is abandoned: the app is stopping. */
  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}
