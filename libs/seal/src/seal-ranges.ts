import { readsHashes, type EventStore, type GlobalPosition, type RecordedEvent, type StoredHash } from '@hmicfrs/event-store';
import { RangeDigest, SEAL_STREAM, headsDigest, type CheckpointHead } from './checkpoint';

/** Where sealing goes on from: after the last checkpoint's position, with its count (none yet: null and 0). */
export interface SealStart {
  after: GlobalPosition | null;
  count: number;
}

/** One checkpoint's range, read and hashed: everything its checkpoint takes from the store. */
export interface HashedRange {
  count: number;
  root: string;
  lastPosition: GlobalPosition;
  heads: CheckpointHead[];
  headsDigest: string;
}

export interface RangeLimits {
  /** Events in one range (a checkpoint's). */
  maxEvents: number;
  /** Ranges in one read: what waits for the appends, and what crosses from a worker, stays bounded. */
  maxRanges: number;
}

export interface HashedRanges {
  ranges: HashedRange[];
  /** The read stopped at `maxRanges` full ranges: more events may follow the last. */
  more: boolean;
}

/** How a `Sealer` has its ranges hashed: `hashRanges` over its own store on this thread, or `SealThread`. */
export interface HashesRanges {
  hash(start: SealStart, limits: RangeLimits): Promise<HashedRanges>;
  close?(): Promise<void>;
}

/**
 * Reads the events after `start` in global order (the seal stream's own skipped) and hashes them into
 * ranges of `maxEvents`, the last one partial when the store ends first. The same code runs in the
 * sealer's worker thread and on this one, so the same events give the same ranges.
 */
export async function hashRanges(store: EventStore, start: SealStart, limits: RangeLimits): Promise<HashedRanges> {
  const ranges: HashedRange[] = [];
  let range = new OpenRange(start.count);
  const after = start.after === null ? {} : { after: start.after };
  // A checkpoint needs each event's stream, revision, hash and position, never the event: SQLite reads
  // just those (reading and parsing whole events was most of what sealing cost the writers beside it).
  const events: AsyncIterable<StoredHash> = readsHashes(store) ? store.readAllHashes(after) : hashesOf(store.readAll(after));
  for await (const event of events) {
    if (event.streamId === SEAL_STREAM) continue;
    range.add(event.streamId, event.revision, event.hash, event.position);
    if (range.count >= limits.maxEvents) {
      ranges.push(range.hashed());
      if (ranges.length >= limits.maxRanges) return { ranges, more: true };
      range = new OpenRange(start.count + ranges.length * limits.maxEvents);
    }
  }
  if (range.count > 0) ranges.push(range.hashed());
  return { ranges, more: false };
}

/** The range being read: its digest and the head of each stream it touched. */
class OpenRange {
  private readonly digest: RangeDigest;
  private readonly touched = new Map<string, { revision: number; hash: string }>();
  private lastPosition: GlobalPosition = 0n;

  /** @param before how many events precede the range */
  constructor(before: number) {
    this.digest = new RangeDigest(before);
  }

  get count(): number {
    return this.digest.count;
  }

  add(streamId: string, revision: number, hash: string, position: GlobalPosition): void {
    this.digest.add(hash);
    this.touched.set(streamId, { revision, hash });
    this.lastPosition = position;
  }

  hashed(): HashedRange {
    const heads = [...this.touched.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([streamId, { revision, hash }]): CheckpointHead => [streamId, revision, hash]);
    return { count: this.count, root: this.digest.digest(), lastPosition: this.lastPosition, heads, headsDigest: headsDigest(heads) };
  }
}

/** The stored hashes taken from whole events, for an adapter that cannot read them alone (EventStoreDB). */
async function* hashesOf(events: AsyncIterable<RecordedEvent>): AsyncGenerator<StoredHash> {
  for await (const { streamId, revision, position, metadata } of events) yield { streamId, revision, position, hash: metadata.hash };
}
