import { Logger } from '@nestjs/common';
import { storeKey, type AllSubscription, type EventStore, type GlobalPosition, type RecordedEvent } from '@hmicfrs/event-store';
import { CheckpointMoved, LeaseLost, RebuildAlreadyRunning } from '../errors';
import { applyBatch, type Target } from './apply-batch';
import { Checkpoints, type Checkpoint } from './checkpoints';
import { inBatches } from './in-batches';
import { Lease } from './lease';
import { PositionWaiters } from './position-waiters';
import type { Projection } from './projection';
import { liveTable } from './projection-tables';
import type { ReadModelDatabase } from './read-model-database';
import { ensureReadModels } from './read-models';
import type { Rebuilds } from './rebuilder';

export const PROJECTOR_LEASE = 'projector';
const LEASE_RENEWAL_MS = 5000;
const BUSY_RETRY_MS = 50;
/** Readers waiting at once for the read models to pass a position; more are answered at once with where things stand. */
const MAX_WAITERS = 10_000;

export interface ProjectorOptions {
  /** Events per transaction while catching up. */
  batchSize: number;
  /** How long a live event may wait for others to share its transaction. */
  maxWaitMs: number;
  /** How often a projector without the lease asks for it again, and waits after an unforeseen failure. */
  retryMs: number;
}

export const DEFAULT_PROJECTOR_OPTIONS: ProjectorOptions = { batchSize: 500, maxWaitMs: 20, retryMs: 1000 };

/**
 * Feeds every projection from one catch-up subscription to the store's global order. Each batch is one
 * transaction that checks every checkpoint is still the one this process read, applies the events past
 * each projection's own checkpoint, and writes the new checkpoints: so an event is applied exactly once,
 * a crash at any point loses nothing, and a second projector (or a rebuild's swap) makes this one
 * re-read where things stand instead of applying anything twice. One process at a time holds the
 * projector lease; the others wait for it.
 */
export class Projector {
  private readonly logger = new Logger('Projector');
  private readonly checkpoints: Checkpoints;
  private readonly lease: Lease;
  private running: Promise<void> | undefined;
  private stopping = false;
  private subscription: AllSubscription | undefined;
  private wake: (() => void) | undefined;
  private readonly waiters = new PositionWaiters(MAX_WAITERS);
  /** The store's identity (`storeKey`), as `rebuildWhereNeeded` last read it: only checkpoints of this store are fed. */
  private storeKey: string | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly database: ReadModelDatabase,
    private readonly projections: readonly Projection[],
    private readonly rebuilder: Rebuilds,
    private readonly options: ProjectorOptions = DEFAULT_PROJECTOR_OPTIONS,
  ) {
    this.checkpoints = new Checkpoints(database.db);
    this.lease = new Lease(database.db);
  }

  /** Projects in the background, live, until `stop`. */
  start(): void {
    this.stopping = false;
    this.running ??= this.run().finally(() => (this.running = undefined));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.subscription?.close();
    await this.running;
    this.waiters.releaseAll((position) => this.hasReached(position));
  }

  /**
   * Where every read model stands, as stored: the lowest checkpoint of the projections of this code's
   * version, null when one has applied nothing yet or is stored under another version (being rebuilt).
   */
  position(): GlobalPosition | null {
    let lowest: GlobalPosition | null = null;
    for (const projection of this.projections) {
      const checkpoint = this.checkpoints.read(projection.name);
      if (checkpoint?.version !== projection.version || checkpoint.position === null) return null;
      if (lowest === null || checkpoint.position < lowest) lowest = checkpoint.position;
    }
    return lowest;
  }

  /**
   * Read your own writes: true once every read model has applied the store's events up to `position`
   * (a command's last event), false if that has not happened within `timeoutMs`. Answered when a batch
   * that reaches it commits, not by polling; with the projector in another process (or this one without
   * the lease) no commit here answers it, and the checkpoints are read once more when the time is up.
   */
  reached(position: GlobalPosition, timeoutMs: number): Promise<boolean> {
    if (this.hasReached(position)) return Promise.resolve(true);
    return this.waiters.wait(position, timeoutMs, () => this.hasReached(position));
  }

  private hasReached(position: GlobalPosition): boolean {
    if (!this.database.db.open) return false;
    const at = this.position();
    return at !== null && at >= position;
  }

  /**
   * Brings every projection up to the store's head as it is now, then returns (`cli project --once`,
   * `cli report`). If this projector is already running, or another process holds the projector lease,
   * that is doing this work: returns false.
   */
  async catchUp(): Promise<boolean> {
    if (this.running !== undefined || !this.lease.acquire(PROJECTOR_LEASE).acquired) return false;
    try {
      await this.rebuildWhereNeeded();
      for (;;) {
        const { targets, after } = this.prepare();
        try {
          await this.project(targets, this.store.readAll({ after }));
          return true;
        } catch (error) {
          // A rebuild elsewhere swapped a projection in: read where things stand now, and go on from there.
          if (!(error instanceof CheckpointMoved)) throw error;
        }
      }
    } finally {
      this.lease.release(PROJECTOR_LEASE);
    }
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      if (!this.lease.acquire(PROJECTOR_LEASE).acquired) {
        await this.pause(this.options.retryMs);
        continue;
      }
      try {
        await this.rebuildWhereNeeded();
        await this.follow();
      } catch (error) {
        if (error instanceof CheckpointMoved || error instanceof LeaseLost) continue;
        this.logger.error(`Projection stopped; retrying in ${this.options.retryMs} ms: ${(error as Error).stack ?? String(error)}`);
        await this.pause(this.options.retryMs);
      }
    }
    if (this.database.db.open) this.lease.release(PROJECTOR_LEASE);
  }

  /** Live: from the lowest checkpoint, through the stored events, then every new one as it is appended. */
  private async follow(): Promise<void> {
    const { targets, after } = this.prepare();
    const subscription = this.store.subscribeToAll({ after });
    this.subscription = subscription;
    // Idle, the lease is renewed on a timer; losing it ends the subscription and `run` starts over.
    const heartbeat = setInterval(() => {
      if (this.renewLease() === 'lost') void subscription.close();
    }, LEASE_RENEWAL_MS);
    try {
      if (!this.stopping) await this.project(targets, subscription, subscription);
    } finally {
      clearInterval(heartbeat);
      this.subscription = undefined;
      await subscription.close();
    }
  }

  private renewLease(): 'renewed' | 'lost' | 'busy' {
    try {
      return this.database.db
        .transaction(() => {
          if (!this.lease.holds(PROJECTOR_LEASE)) return 'lost' as const;
          this.lease.renew(PROJECTOR_LEASE);
          return 'renewed' as const;
        })
        .immediate();
    } catch (error) {
      if (isBusy(error)) return 'busy';
      throw error;
    }
  }

  /** The projections of this code's version, each from its checkpoint; the read position is the lowest of them. */
  private prepare(): { targets: Target[]; after: bigint | undefined } {
    ensureReadModels(this.database, this.projections);
    const store = this.storeKey ?? null;
    const targets = this.projections.flatMap((projection) => {
      const checkpoint = this.checkpoints.read(projection.name);
      if (checkpoint?.version !== projection.version) return [];
      // Positions in another store (being rebuilt by someone else, see rebuildWhereNeeded) are not fed from this one.
      if (checkpoint.position !== null && checkpoint.store !== store) return [];
      return [
        { name: projection.name, writer: projection.writer(this.database.db, liveTable, 'live'), checkpoint: { ...checkpoint, store } },
      ];
    });
    const positions = targets.map((target) => target.checkpoint.position);
    const after = positions.length === 0 || positions.includes(null) ? undefined : positions.reduce((a, b) => (a! < b! ? a : b))!;
    return { targets, after };
  }

  /** `live`: the source is a subscription, which waits for events rather than ending. */
  private async project(targets: Target[], source: AsyncIterable<RecordedEvent>, live?: AllSubscription): Promise<void> {
    const seen = new Map<string, Checkpoint | undefined>(this.projections.map((p) => [p.name, this.checkpoints.read(p.name)]));
    const transaction = this.database.db.transaction((events: RecordedEvent[]) => {
      // Every checkpoint, not only the fed ones: a rebuild elsewhere may have brought a stale one up to date.
      for (const [name, checkpoint] of seen) this.checkpoints.expect(name, checkpoint);
      this.lease.renew(PROJECTOR_LEASE);
      const reached = applyBatch(targets, events);
      reached.forEach((checkpoint, i) => this.checkpoints.write(targets[i].name, checkpoint));
      return reached;
    });
    const maxWaitMs = live === undefined ? undefined : this.options.maxWaitMs;
    for await (const events of inBatches(source, this.options.batchSize, maxWaitMs, live && (() => live.close()))) {
      const reached = await this.whenNotBusy(() => transaction.immediate(events));
      reached.forEach((checkpoint, i) => {
        targets[i].checkpoint = checkpoint;
        seen.set(targets[i].name, checkpoint);
      });
      if (this.waiters.size > 0) {
        const at = this.position();
        if (at !== null) this.waiters.reached(at);
      }
      if (this.stopping) return;
    }
  }

  /**
   * Rebuilt from the start of the log before they are fed again: a projection stored under another
   * version of the code, and one whose checkpoint is not a position in this store (`foreignCheckpoint`:
   * the store was switched, say SQLite to EventStoreDB, or wiped and refilled while the read models were
   * kept). Fed from its old position, the first would be misread and the second would stall on a
   * position the store refuses or silently skip every event up to it. Queries use the old tables meanwhile.
   */
  private async rebuildWhereNeeded(): Promise<void> {
    // Checkpoints first, the store's head after: in the same store, no checkpoint can then be past the head.
    const checkpoints = new Map(this.projections.map((p) => [p.name, this.checkpoints.read(p.name)]));
    const store = storeKey(await this.store.identity());
    const { position: head } = await this.store.health();
    this.storeKey = store;
    const stale: string[] = [];
    const foreign = new Map<string, string>();
    for (const projection of this.projections) {
      const checkpoint = checkpoints.get(projection.name);
      if (checkpoint === undefined) continue;
      if (checkpoint.version !== projection.version) {
        stale.push(projection.name);
        continue;
      }
      const reason = foreignCheckpoint(checkpoint, store, head);
      if (reason !== undefined) foreign.set(projection.name, reason);
    }
    if (stale.length === 0 && foreign.size === 0) return;
    if (stale.length > 0) this.logger.log(`Rebuilding ${stale.join(', ')}: stored under another version of the code`);
    for (const reason of new Set(foreign.values())) {
      const names = [...foreign].filter(([, r]) => r === reason).map(([name]) => name);
      this.logger.warn(`Rebuilding ${names.join(', ')} from the start of the log: ${reason}`);
    }
    try {
      await this.rebuilder.rebuild([...stale, ...foreign.keys()]);
    } catch (error) {
      // Someone is already rebuilding it; their swap moves its checkpoint, and the projector picks it up then.
      if (!(error instanceof RebuildAlreadyRunning)) throw error;
      this.logger.log(error.message);
    }
  }

  /**
   * The database is busy while another process writes (a rebuild building indexes or swapping tables).
   * Waiting inside SQLite would block this whole process, queries too: wait here, between turns of the event loop.
   */
  private async whenNotBusy<T>(write: () => T): Promise<T> {
    for (;;) {
      try {
        return write();
      } catch (error) {
        if (!isBusy(error) || this.stopping) throw error;
        await this.pause(BUSY_RETRY_MS);
      }
    }
  }

  private pause(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/**
 * Why a checkpoint is not a position in this store (undefined: it is, or nothing was applied yet):
 * it names another store, none (written before checkpoints named their store), or a position past
 * the store's last event (a store restored from an older backup, or replaced without a new identity).
 */
export function foreignCheckpoint(checkpoint: Checkpoint, store: string, head: GlobalPosition | null): string | undefined {
  const { position } = checkpoint;
  if (position === null) return undefined;
  if (checkpoint.store === null) {
    return `the read models' checkpoints do not say which store they came from (written before they did), and this store is ${store}`;
  }
  if (checkpoint.store !== store) {
    return `the read models' checkpoints are positions in the store ${checkpoint.store}, and this is ${store} (the store was switched or replaced)`;
  }
  if (head === null || position > head) {
    return `the read models' checkpoint ${position} is past the end of this store (${head ?? 'empty'}): it was restored from an older backup, or replaced`;
  }
  return undefined;
}

/** By code, not `instanceof`: an error can come from another copy of better-sqlite3's class (jest's registries). */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
