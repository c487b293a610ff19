import {
  WrongExpectedRevision,
  readsHashes,
  type EventStore,
  type GlobalPosition,
  type RecordedEvent,
  type StoredHash,
} from '@hmicfrs/event-store';
import type { Clock } from '@hmicfrs/clock';
import {
  CHECKPOINT_EVENT,
  CHECKPOINT_FORMAT,
  GENESIS_ROOT,
  RangeDigest,
  SEAL_STREAM,
  headsDigest,
  rootOf,
  signCheckpoint,
  type CheckpointHead,
  type StoredCheckpoint,
} from './checkpoint';
import type { SealKey } from './seal-key';
import { lastCheckpoint } from './seal-stream';

export interface SealerOptions {
  /** At most this many events in one checkpoint's range; a longer backlog is sealed in several. Default 1000. */
  maxEventsPerCheckpoint?: number;
}

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
export class Sealer {
  private running: Promise<unknown> = Promise.resolve();
  private readonly maxEvents: number;

  constructor(
    private readonly store: EventStore,
    private readonly key: SealKey,
    private readonly clock: Clock,
    options: SealerOptions = {},
  ) {
    this.maxEvents = options.maxEventsPerCheckpoint ?? 1000;
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
    let range = new OpenRange(last);
    const after = last === null ? {} : { after: BigInt(last.position) };
    // A checkpoint needs each event's stream, revision, hash and position, never the event: SQLite reads
    // just those (reading and parsing whole events was most of what sealing cost the writers beside it).
    const events: AsyncIterable<StoredHash> = readsHashes(this.store)
      ? this.store.readAllHashes(after)
      : hashesOf(this.store.readAll(after));
    for await (const event of events) {
      if (event.streamId === SEAL_STREAM) continue;
      range.add(event.streamId, event.revision, event.hash, event.position);
      if (range.count >= this.maxEvents) {
        last = await this.write(range, last, written);
        range = new OpenRange(last);
      }
    }
    if (range.count > 0) last = await this.write(range, last, written);
    return last;
  }

  private async write(range: OpenRange, previous: StoredCheckpoint | null, written: StoredCheckpoint[]): Promise<StoredCheckpoint> {
    const heads = range.heads();
    const rangeRoot = range.digest.digest();
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
        headsDigest: headsDigest(heads),
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

/** The range being sealed: its digest and the head of each stream it touched. */
class OpenRange {
  readonly digest: RangeDigest;
  private readonly touched = new Map<string, { revision: number; hash: string }>();
  lastPosition: GlobalPosition = 0n;

  constructor(previous: StoredCheckpoint | null) {
    this.digest = new RangeDigest(previous?.count ?? 0);
  }

  get count(): number {
    return this.digest.count;
  }

  add(streamId: string, revision: number, hash: string, position: GlobalPosition): void {
    this.digest.add(hash);
    this.touched.set(streamId, { revision, hash });
    this.lastPosition = position;
  }

  heads(): CheckpointHead[] {
    return [...this.touched.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([streamId, { revision, hash }]) => [streamId, revision, hash]);
  }
}

/** The stored hashes taken from whole events, for an adapter that cannot read them alone (EventStoreDB). */
async function* hashesOf(events: AsyncIterable<RecordedEvent>): AsyncGenerator<StoredHash> {
  for await (const { streamId, revision, position, metadata } of events) yield { streamId, revision, position, hash: metadata.hash };
}
