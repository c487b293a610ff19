import { storeKey, type EventStore } from '@hmicfrs/event-store';
import { RebuildAlreadyRunning, UnknownProjection } from '../errors';
import { applyBatch, type Target } from './apply-batch';
import { Checkpoints, type Checkpoint } from './checkpoints';
import { inBatches } from './in-batches';
import { Lease } from './lease';
import type { Projection } from './projection';
import { createRebuildTables, dropRebuildTables, indexRebuildTables, rebuildTable, swapInRebuiltTables } from './projection-tables';
import type { ReadModelDatabase } from './read-model-database';
import { ProgressMeter, type RebuildProgress } from './rebuild-progress';

export interface RebuildOptions {
  /** Events per transaction. */
  batchSize: number;
}

/** What the projector asks of a rebuild: a `Rebuilder` on its own thread, or `RebuildThread` running one in a worker. */
export interface Rebuilds {
  /** @throws RebuildAlreadyRunning when another process (or thread) is rebuilding one of them */
  rebuild(names: readonly string[]): Promise<void>;
}

export const rebuildLease = (projection: string): string => `rebuild:${projection}`;

/**
 * Replays the whole log into fresh tables beside the live ones and swaps them in, with their
 * checkpoint, in one transaction. Queries read the live tables until that transaction commits; a
 * rebuild that fails or is killed leaves the live tables as they were and only spare tables behind,
 * which the next rebuild drops. The projector, live in this or another process, finds the checkpoint
 * moved and carries on from the rebuilt one.
 */
export class Rebuilder implements Rebuilds {
  private readonly checkpoints: Checkpoints;
  private readonly lease: Lease;

  constructor(
    private readonly store: EventStore,
    private readonly database: ReadModelDatabase,
    private readonly projections: readonly Projection[],
    private readonly options: RebuildOptions = { batchSize: 500 },
  ) {
    this.checkpoints = new Checkpoints(database.db);
    this.lease = new Lease(database.db);
  }

  /** Rebuilds the named projections (every one when no name is given) in one pass over the log. */
  async rebuild(names: readonly string[] = [], onProgress: (progress: RebuildProgress) => void = () => undefined): Promise<void> {
    const chosen = this.resolve(names);
    this.takeLeases(chosen);
    let swapped = false;
    try {
      await this.replayAndSwap(chosen, onProgress);
      swapped = true;
    } finally {
      if (!swapped) this.abandon(chosen);
    }
  }

  private async replayAndSwap(chosen: Projection[], onProgress: (progress: RebuildProgress) => void): Promise<void> {
    const { db } = this.database;
    // Before the first read: the rebuilt checkpoints name the store their positions are in.
    const store = storeKey(await this.store.identity());
    db.transaction(() => chosen.forEach((projection) => createRebuildTables(db, projection))).immediate();
    const targets: Target[] = chosen.map((projection) => ({
      name: projection.name,
      writer: projection.writer(db, rebuildTable, 'rebuild'),
      checkpoint: {
        position: null,
        store,
        version: projection.version,
        generation: (this.checkpoints.read(projection.name)?.generation ?? 0) + 1,
      },
    }));
    const meter = new ProgressMeter(
      chosen.map((projection) => projection.name),
      (await this.store.health()).position,
    );
    const replay = db.transaction((events: Parameters<typeof applyBatch>[1]) => {
      this.renewLeases(chosen);
      return applyBatch(targets, events);
    });
    for await (const events of inBatches(this.store.readAll(), this.options.batchSize)) {
      const reached = replay.immediate(events);
      reached.forEach((checkpoint, i) => (targets[i].checkpoint = checkpoint));
      onProgress(meter.advance(events.length, events[0].position, events[events.length - 1].position));
    }
    onProgress(meter.phase('indexing'));
    db.transaction(() => {
      this.renewLeases(chosen);
      targets.forEach((target) => target.writer.done?.());
      chosen.forEach((projection, i) => indexRebuildTables(db, projection, targets[i].checkpoint.generation));
    }).immediate();
    onProgress(meter.phase('swapping'));
    db.transaction(() => {
      this.renewLeases(chosen);
      chosen.forEach((projection, i) => {
        swapInRebuiltTables(db, projection);
        this.checkpoints.write(projection.name, targets[i].checkpoint satisfies Checkpoint);
        this.lease.release(rebuildLease(projection.name));
      });
    }).immediate();
    onProgress(meter.phase('done'));
  }

  private resolve(names: readonly string[]): Projection[] {
    if (names.length === 0) return [...this.projections];
    return [...new Set(names)].map((name) => {
      const projection = this.projections.find((candidate) => candidate.name === name);
      if (projection === undefined)
        throw new UnknownProjection(
          name,
          this.projections.map((p) => p.name),
        );
      return projection;
    });
  }

  private takeLeases(chosen: Projection[]): void {
    const taken: string[] = [];
    for (const projection of chosen) {
      const attempt = this.lease.acquire(rebuildLease(projection.name));
      if (!attempt.acquired) {
        taken.forEach((name) => this.lease.release(name));
        const { host, pid } = attempt.heldBy;
        throw new RebuildAlreadyRunning(projection.name, `process ${pid} on ${host}`);
      }
      taken.push(rebuildLease(projection.name));
    }
  }

  private renewLeases(chosen: Projection[]): void {
    for (const projection of chosen) this.lease.renew(rebuildLease(projection.name));
  }

  /**
   * The live tables were never touched: drop the spare ones and let others rebuild. Spare tables whose
   * lease another process has taken over are that process's now, and are left alone.
   */
  private abandon(chosen: Projection[]): void {
    const { db } = this.database;
    if (!db.open) return;
    db.transaction(() => {
      for (const projection of chosen) {
        if (!this.lease.holds(rebuildLease(projection.name))) continue;
        dropRebuildTables(db, projection);
        this.lease.release(rebuildLease(projection.name));
      }
    }).immediate();
  }
}
