import { extname, join } from 'node:path';
import type { Piscina } from 'piscina';
import type { EventStoreOptions } from '@hmicfrs/event-store';
import { RebuildAlreadyRunning } from '../errors';
import type { ReadModelDatabase } from './read-model-database';
import type { RebuildOutcome, RebuildWorkerData } from './rebuild-worker';
import type { Rebuilds } from './rebuilder';
import { threadPool } from './thread-pool';

/**
 * The rebuilds the API's projector starts itself (a projection's new version, a store switch), in a
 * worker thread with its own connections (docs/architecture.md, "Heavy reads off the request thread"):
 * replaying the whole log no longer holds every request behind it. The projector awaits the outcome
 * and carries on as after a rebuild on its own thread; the leases, checkpoints and swap are the
 * `Rebuilder`'s, as when `cli rebuild` runs in another process. Rebuilds are rare: the thread ends
 * when one is done.
 */
export class RebuildThread implements Rebuilds {
  private readonly pool: Piscina;

  constructor(store: EventStoreOptions, database: ReadModelDatabase) {
    this.pool = threadPool({
      script: join(__dirname, `rebuild-worker${extname(__filename)}`),
      threads: 1,
      idleMs: 0,
      workerData: { store, readModels: database.file } satisfies RebuildWorkerData,
    });
  }

  async rebuild(names: readonly string[]): Promise<void> {
    const outcome = (await this.pool.run([...names])) as RebuildOutcome;
    if ('alreadyRunning' in outcome) throw new RebuildAlreadyRunning(outcome.alreadyRunning.projection, outcome.alreadyRunning.holder);
  }

  /** After the projector has stopped (it waits for a rebuild under way). */
  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
