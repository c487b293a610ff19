import { Logger } from '@nestjs/common';
import type { AllSubscription, EventStore, GlobalPosition, RecordedEvent } from '@hmicfrs/event-store';
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
import type { Rebuilder } from './rebuilder';

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

  constructor(
    private readonly store: EventStore,
    private readonly database: ReadModelDatabase,
    private readonly projections: readonly Projection[],
    private readonly rebuilder: Rebuilder,
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
      await this.rebuildStale();
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
        await this.rebuildStale();
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
    const targets = this.projections.flatMap((projection) => {
      const checkpoint = this.checkpoints.read(projection.name);
      if (checkpoint?.version !== projection.version) return [];
      return [{ name: projection.name, writer: projection.writer(this.database.db, liveTable, 'live'), checkpoint }];
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

  /** A projection stored under another version is rebuilt before it is fed again; queries use its old tables meanwhile. */
  private async rebuildStale(): Promise<void> {
    const stale = this.projections.filter((p) => {
      const checkpoint = this.checkpoints.read(p.name);
      return checkpoint !== undefined && checkpoint.version !== p.version;
    });
    if (stale.length === 0) return;
    const names = stale.map((p) => p.name);
    this.logger.log(`Rebuilding ${names.join(', ')}: stored under another version of the code`);
    try {
      await this.rebuilder.rebuild(names);
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

/** By code, not `instanceof`: an error can come from another copy of better-sqlite3's class (jest's registries). */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
