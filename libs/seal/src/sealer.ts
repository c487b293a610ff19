import type { OnApplicationShutdown } from '@nestjs/common';
import { WrongExpectedRevision, type EventStore } from '@hmicfrs/event-store';
import type { Clock } from '@hmicfrs/clock';
import {
  CHECKPOINT_EVENT,
  CHECKPOINT_FORMAT,
  GENESIS_ROOT,
  SEAL_STREAM,
  rootOf,
  signCheckpoint,
  type StoredCheckpoint,
} from './checkpoint';
import type { SealKey } from './seal-key';
import { hashRanges, type HashedRange, type HashesRanges, type RangeLimits } from './seal-ranges';
import { lastCheckpoint } from './seal-stream';

export interface SealerOptions {
  /** At most this many events in one checkpoint's range; a longer backlog is sealed in several. Default 1000. */
  maxEventsPerCheckpoint?: number;
  /**
   * Who reads and hashes the ranges: by default this thread, over `store`; the API's is `SealThread`
   * (a worker on its own read-only connection), so only signing and the append stay on the request thread.
   */
  hasher?: HashesRanges;
}

/** Events hashed in one read, at most (whole ranges): a long backlog is read, then written, a part at a time. */
const EVENTS_PER_READ = 5_000;

/** What one `seal()` did. */
export interface SealOutcome {
  written: StoredCheckpoint[];
  /** The latest checkpoint after it: a new one, or the one there already; null if the store is empty. */
  latest: StoredCheckpoint | null;
}

/** Another sealer (the API's, `cli seal`) kept writing checkpoints while this one tried. */
export class SealContended extends Error {
  constructor() {
    super('another sealer kept writing checkpoints at the same time; try again');
    this.name = 'SealContended';
  }
}

/**
 * Writes signed checkpoints over the store's global order to the seal stream, through the store port
 * (checkpoints are not an item's events and do not go through the command pipeline). Each covers the
 * events after the previous one: their count, the root chained from the previous root, the head of
 * every stream the range touched. Seals run one at a time in a process; between processes the seal
 * stream's expected revision decides, and the loser starts again from the winner's checkpoint.
 */
export class Sealer implements OnApplicationShutdown {
  private running: Promise<unknown> = Promise.resolve();
  private readonly limits: RangeLimits;
  private readonly hasher: HashesRanges;

  constructor(
    private readonly store: EventStore,
    private readonly key: SealKey,
    private readonly clock: Clock,
    options: SealerOptions = {},
  ) {
    const maxEvents = options.maxEventsPerCheckpoint ?? 1000;
    this.limits = { maxEvents, maxRanges: Math.max(1, Math.floor(EVENTS_PER_READ / maxEvents)) };
    this.hasher = options.hasher ?? { hash: (start, limits) => hashRanges(store, start, limits) };
  }

  /** After the schedule's last seal (its `beforeApplicationShutdown` waits for it): the hasher's thread ends. */
  async onApplicationShutdown(): Promise<void> {
    await this.hasher.close?.();
  }

  get keyFingerprint(): string {
    return this.key.fingerprint;
  }

  latest(): Promise<StoredCheckpoint | null> {
    return lastCheckpoint(this.store);
  }

  /** Seals every event not yet sealed; writes nothing when there is none. */
  seal(): Promise<SealOutcome> {
    const next = this.running.then(() => this.sealWithRetries());
    this.running = next.catch(() => undefined);
    return next;
  }

  private async sealWithRetries(): Promise<SealOutcome> {
    const written: StoredCheckpoint[] = [];
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      try {
        return { written, latest: await this.sealFrom(await this.latest(), written) };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
      }
    }
    throw new SealContended();
  }

  private async sealFrom(previous: StoredCheckpoint | null, written: StoredCheckpoint[]): Promise<StoredCheckpoint | null> {
    let last = previous;
    for (;;) {
      const start = last === null ? { after: null, count: 0 } : { after: BigInt(last.position), count: last.count };
      const { ranges, more } = await this.hasher.hash(start, this.limits);
      for (const range of ranges) last = await this.write(range, last, written);
      if (!more) return last;
    }
  }

  private async write(range: HashedRange, previous: StoredCheckpoint | null, written: StoredCheckpoint[]): Promise<StoredCheckpoint> {
    const { heads, root: rangeRoot } = range;
    const count = (previous?.count ?? 0) + range.count;
    const previousRoot = previous?.root ?? GENESIS_ROOT;
    const sequence = (previous?.sequence ?? 0) + 1;
    const sealedAt = this.clock().toISOString();
    const signed = signCheckpoint(
      {
        format: CHECKPOINT_FORMAT,
        sequence,
        position: range.lastPosition.toString(),
        previousPosition: previous?.position ?? null,
        count,
        rangeCount: range.count,
        rangeRoot,
        previousRoot,
        root: rootOf(previousRoot, count, rangeRoot),
        headsDigest: range.headsDigest,
        sealedAt,
        keyFingerprint: this.key.fingerprint,
      },
      this.key.privateKey,
    );
    const checkpoint: StoredCheckpoint = { ...signed, heads };
    const commandId = `seal:${sequence}:${rangeRoot.slice(0, 16)}`;
    const result = await this.store.append(
      SEAL_STREAM,
      [
        {
          type: CHECKPOINT_EVENT,
          data: checkpoint,
          metadata: {
            userId: 'system:sealer',
            role: 'system',
            commandId,
            correlationId: commandId,
            causationId: null,
            schemaVersion: 1,
            occurredAt: sealedAt,
          },
        },
      ],
      previous === null ? 'no_stream' : previous.sequence - 1,
    );
    // The same command id at the same revision: a retry of this very write; anything else is another sealer's.
    if (result.duplicate) throw new WrongExpectedRevision(SEAL_STREAM, sequence - 2, result.revision);
    written.push(checkpoint);
    return checkpoint;
  }
}
