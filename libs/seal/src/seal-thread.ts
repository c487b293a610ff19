import { extname, join } from 'node:path';
import type { Piscina } from 'piscina';
import type { EventStoreOptions } from '@hmicfrs/event-store';
import { threadPool } from '@hmicfrs/projections';
import type { HashedRanges, HashesRanges, RangeLimits, SealStart } from './seal-ranges';
import type { SealTask } from './seal-worker';

/** As the read workers': a thread with nothing to seal for this long ends, and the next seal starts another. */
const IDLE_MS = 10 * 60_000;

/**
 * The API's sealer reads and hashes the events since its last checkpoint in a worker thread, on its own
 * read-only connection to the store (docs/architecture.md, "Heavy reads off the request thread"), so a
 * long backlog no longer holds the requests behind it. Only each range's digest and heads come back; the
 * signing (the key never leaves this thread), the clock and the append through the store port stay with
 * the `Sealer`, so a checkpoint is the same bytes as one sealed on this thread. For EventStoreDB the
 * thread opens a client of its own from the connection string (`openEventStoreToRead`) and takes the
 * hashes from whole events, as the `Sealer` there always has.
 */
export class SealThread implements HashesRanges {
  private readonly pool: Piscina;

  constructor(store: EventStoreOptions) {
    this.pool = threadPool({
      script: join(__dirname, `seal-worker${extname(__filename)}`),
      threads: 1,
      idleMs: IDLE_MS,
      workerData: { store },
    });
  }

  hash(start: SealStart, limits: RangeLimits): Promise<HashedRanges> {
    return this.pool.run({ start, limits } satisfies SealTask) as Promise<HashedRanges>;
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
