import { Readable } from 'node:stream';
import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendResult,
  type AppendToStreamOptions,
  type EventData,
  type EventStoreDBClient,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';

interface StoredRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: string;
  metadata: string;
  created: Date;
  position: Position;
}

/** The operations a failure can be injected into. */
export type FakeOperation = 'append' | 'readStream' | 'readAll' | 'subscribeToAll';

/**
 * What the real client throws (classes from @eventstore/db-client 6.x, as `convertToCommandError`
 * builds them from the gRPC status): `deadline-exceeded` (the client's deadline or the server's
 * write timeout passed), `unavailable` / `cancelled` (the connection dropped), `not-leader` (the node
 * lost the leadership), `access-denied` (the user may not do this).
 */
export type FakeFailureKind = 'deadline-exceeded' | 'unavailable' | 'cancelled' | 'not-leader' | 'access-denied';

export interface FakeFailure {
  error: FakeFailureKind;
  /**
   * For appends: whether the write lands although the client reports the failure. `now`: committed
   * before the error is thrown (the reply was lost); `after-next-read`: committed once the next read
   * of that stream has been answered (still in flight on the server when the client gave up).
   */
  commit?: 'now' | 'after-next-read';
  /** How many calls of the operation succeed before this failure happens (default 0). */
  skip?: number;
  /** How many calls in a row fail this way (default 1). */
  times?: number;
}

/**
 * An in-memory stand-in for one EventStoreDB server, shaped like what @eventstore/db-client 6.x
 * shows the adapter, so the contract suite can run without a server. It copies the behaviours the
 * adapter relies on and a real server has: expected-revision checks, idempotent retries of the same
 * event ids, JSON stored as text, `$all` holding system records between product events, a position
 * for every event, `readAll` forwards including the event at `fromPosition` and backwards excluding it, subscriptions
 * starting after it, and every call taking at least one turn of the event loop, so writers interleave.
 * `inject` makes calls fail as a cluster's do, with the client's own error classes: timeouts that
 * committed anyway (at once or late), dropped connections, leader changes, refused permissions;
 * `dropSubscriptions` ends live subscriptions with an error, as the client does.
 * It proves the adapter's logic, not the real server's behaviour.
 */
export class FakeEventStoreDb {
  private readonly log: StoredRecord[] = [];
  private readonly streams = new Map<string, StoredRecord[]>();
  private readonly listeners = new Set<(record: StoredRecord) => void>();
  private readonly subscriptions = new Set<Readable>();
  private offset = 1000n;
  private appends = 0;
  private readonly failures: Array<FakeFailure & { operation: FakeOperation }> = [];
  private readonly lateCommits: Array<{ streamName: string; commit: () => void }> = [];
  /** How often each operation was called, failures included. */
  readonly calls: Record<FakeOperation, number> = { append: 0, readStream: 0, readAll: 0, subscribeToAll: 0 };

  constructor() {
    this.write('$settings', [{ id: '00000000-0000-4000-8000-000000000001', type: '$settings', data: '{}', metadata: '' }]);
  }

  /** A client on this server; each store gets its own, as separate processes would. */
  client(): EventStoreDBClient {
    return new FakeClient(this) as unknown as EventStoreDBClient;
  }

  /** The server's limit on one append's size (`MaxAppendSize`, 1 MiB by default), over data and metadata. */
  maxAppendSize = 1024 * 1024;

  append(streamName: string, batch: EventData[], expected: AppendToStreamOptions['expectedRevision'] = 'any'): AppendResult {
    const size = batch.reduce(
      (sum, event) => sum + Buffer.byteLength(JSON.stringify(event.data)) + Buffer.byteLength(JSON.stringify(event.metadata ?? '')),
      0,
    );
    if (size > this.maxAppendSize) throw new MaxAppendSizeExceededError(undefined, this.maxAppendSize);
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length === 0 ? 'no_stream' : stream[stream.length - 1].revision;
    if (expected !== 'any' && expected !== 'stream_exists') {
      const from = expected === 'no_stream' ? 0 : Number(expected) + 1;
      const existing = stream.slice(from, from + batch.length);
      if (existing.length === batch.length && existing.every((record, i) => record.id === batch[i].id)) {
        const last = existing[existing.length - 1];
        return { success: true, nextExpectedRevision: last.revision, position: last.position };
      }
    }
    if (expected !== 'any' && expected !== current && !(expected === 'stream_exists' && current !== 'no_stream')) {
      throw new WrongExpectedVersionError(undefined, { streamName, expected, current });
    }
    const written = this.write(
      streamName,
      batch.map((event) => ({
        id: event.id,
        type: event.type,
        data: JSON.stringify(event.data),
        metadata: event.metadata === undefined ? '' : JSON.stringify(event.metadata),
      })),
    );
    this.appends += 1;
    // The server writes its own statistics into $all now and then.
    if (this.appends % 3 === 0) {
      this.write('$stats-127.0.0.1:2113', [
        { id: `00000000-0000-4000-8000-${String(this.appends).padStart(12, '0')}`, type: '$statsCollected', data: '{}', metadata: '' },
      ]);
    }
    const last = written[written.length - 1];
    return { success: true, nextExpectedRevision: last.revision, position: last.position };
  }

  readStream(streamName: string, options: ReadStreamOptions): StoredRecord[] {
    const stream = this.streams.get(streamName);
    if (!stream) throw new StreamNotFoundError(undefined, streamName);
    const ordered = options.direction === 'backwards' ? [...stream].reverse() : stream;
    const from = options.fromRevision;
    const started =
      typeof from === 'bigint'
        ? ordered.filter((record) => (options.direction === 'backwards' ? record.revision <= from : record.revision >= from))
        : ordered;
    return started.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER));
  }

  /** The `maxCount` of every `$all` read, in order (to see how much a caller asks for). */
  readonly readAllSizes: number[] = [];

  readAll(options: ReadAllOptions): StoredRecord[] {
    this.readAllSizes.push(Number(options.maxCount ?? Number.MAX_SAFE_INTEGER));
    const backwards = options.direction === 'backwards';
    const ordered = backwards ? [...this.log].reverse() : this.log;
    const from = options.fromPosition;
    const started =
      from === undefined || from === 'start' || from === 'end'
        ? ordered
        : // Forwards from a position includes it; backwards from it excludes it, as on the server.
          ordered.filter((record) => (backwards ? compare(record.position, from) < 0 : compare(record.position, from) >= 0));
    return started.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER));
  }

  /** Makes a coming call of `operation` fail as the real client would (see `FakeFailure`). */
  inject(operation: FakeOperation, failure: FakeFailure): void {
    this.failures.push({ operation, ...failure });
  }

  /** Counts the call, and returns the failure it must end with, if one was injected for it. */
  takeFailure(operation: FakeOperation): FakeFailure | undefined {
    this.calls[operation] += 1;
    const index = this.failures.findIndex((failure) => failure.operation === operation);
    if (index < 0) return undefined;
    const failure = this.failures[index];
    if ((failure.skip ?? 0) > 0) {
      failure.skip = (failure.skip ?? 0) - 1;
      return undefined;
    }
    failure.times = (failure.times ?? 1) - 1;
    if (failure.times <= 0) this.failures.splice(index, 1);
    return failure;
  }

  /** Holds a write back until the next read of its stream has been answered. */
  commitLater(streamName: string, commit: () => void): void {
    this.lateCommits.push({ streamName, commit });
  }

  /** Lands the writes held back for this stream (called once a read of it has been answered). */
  landLateCommits(streamName: string): void {
    for (const pending of this.lateCommits.filter((late) => late.streamName === streamName)) {
      this.lateCommits.splice(this.lateCommits.indexOf(pending), 1);
      try {
        pending.commit();
      } catch {
        // A late write refused by the expected-revision check is lost, as on the server.
      }
    }
  }

  /** Rewrites a stored event's data, as someone with access to the server's files might. */
  alter(streamId: string, revision: number, data: unknown): void {
    const record = this.streams.get(streamId)?.[revision];
    if (!record) throw new Error(`no event ${streamId}@${revision} to alter`);
    record.data = JSON.stringify(data);
  }

  recordsAfter(from: SubscribeToAllOptions['fromPosition']): StoredRecord[] {
    if (from === undefined || from === 'start') return [...this.log];
    if (from === 'end') return [];
    return this.log.filter((record) => compare(record.position, from) > 0);
  }

  /**
   * Drops every live subscription from the server's side, as a restart or a leader change would: the
   * real client then emits an error on the stream (`unavailable` by default, `cancelled` when the
   * server cancels the call, `not-leader` when the node stopped leading), never a clean end.
   */
  dropSubscriptions(kind: FakeFailureKind = 'unavailable'): void {
    for (const subscription of this.subscriptions) subscription.destroy(clientError(kind));
  }

  /** Ends every live subscription with a clean end of stream, which the real client does not do (kept to prove the adapter still notices). */
  endSubscriptions(): void {
    for (const subscription of this.subscriptions) subscription.push(null);
  }

  track(subscription: Readable): void {
    this.subscriptions.add(subscription);
    subscription.once('close', () => this.subscriptions.delete(subscription));
  }

  listen(listener: (record: StoredRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private write(streamId: string, events: Array<Pick<StoredRecord, 'id' | 'type' | 'data' | 'metadata'>>): StoredRecord[] {
    const stream = this.streams.get(streamId) ?? [];
    this.streams.set(streamId, stream);
    // As the server (20.x and later) records them: every event of an append has a position of its own.
    const written = events.map((event, i) => {
      const at = this.offset + BigInt(i) * 100n;
      return { ...event, streamId, revision: BigInt(stream.length + i), created: new Date(), position: { commit: at, prepare: at } };
    });
    this.offset += BigInt(events.length) * 100n;
    stream.push(...written);
    this.log.push(...written);
    for (const record of written) for (const listener of this.listeners) listener(record);
    return written;
  }
}

class FakeClient {
  private readonly subscriptions = new Set<Readable>();
  private disposed = false;

  constructor(private readonly server: FakeEventStoreDb) {}

  async appendToStream(streamName: string, events: EventData | EventData[], options: AppendToStreamOptions = {}): Promise<AppendResult> {
    await this.turn();
    const failure = this.server.takeFailure('append');
    const append = () => this.server.append(streamName, Array.isArray(events) ? events : [events], options.expectedRevision);
    if (!failure) return append();
    if (failure.commit === 'now') append();
    if (failure.commit === 'after-next-read') this.server.commitLater(streamName, append);
    throw clientError(failure.error);
  }

  readStream(streamName: string, options: ReadStreamOptions = {}): AsyncIterable<AllStreamResolvedEvent> {
    return this.resolved('readStream', () => {
      try {
        return this.server.readStream(streamName, options);
      } finally {
        this.server.landLateCommits(streamName);
      }
    });
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<AllStreamResolvedEvent> {
    return this.resolved('readAll', () => this.server.readAll(options));
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Readable {
    const failure = this.server.takeFailure('subscribeToAll');
    const regex = options.filter && 'regex' in options.filter ? new RegExp(options.filter.regex) : undefined;
    const subscription = new Readable({ objectMode: true, read: () => undefined });
    const deliver = (record: StoredRecord) => {
      if (!regex || regex.test(record.streamId)) subscription.push(toResolved(record));
    };
    let stopListening = () => undefined as unknown;
    setImmediate(() => {
      if (subscription.destroyed) return;
      // The real client reports a refused subscription as an 'error' event on the stream.
      if (failure) return void subscription.destroy(clientError(failure.error));
      this.server.recordsAfter(options.fromPosition).forEach(deliver);
      stopListening = this.server.listen(deliver);
    });
    Object.assign(subscription, {
      unsubscribe: async () => {
        stopListening();
        this.subscriptions.delete(subscription);
      },
    });
    subscription.once('close', () => stopListening());
    this.subscriptions.add(subscription);
    this.server.track(subscription);
    return subscription;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const subscription of this.subscriptions) subscription.destroy();
  }

  private async *resolved(operation: FakeOperation, read: () => StoredRecord[]): AsyncIterable<AllStreamResolvedEvent> {
    await this.turn();
    const failure = this.server.takeFailure(operation);
    if (failure) throw clientError(failure.error);
    for (const record of read()) {
      yield toResolved(record);
      await this.turn();
    }
  }

  private async turn(): Promise<void> {
    if (this.disposed) throw new Error('the fake client has been disposed');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The error the real client throws for each failure, built as `convertToCommandError` builds it. */
function clientError(kind: FakeFailureKind): Error {
  switch (kind) {
    case 'deadline-exceeded':
      return new DeadlineExceededError(undefined, '4 DEADLINE_EXCEEDED: Deadline exceeded');
    case 'unavailable':
      return new UnavailableError(undefined, '14 UNAVAILABLE: Connection dropped');
    case 'cancelled':
      return new CancelledError(undefined, '1 CANCELLED: Call cancelled');
    case 'access-denied':
      return new AccessDeniedError(undefined, '7 PERMISSION_DENIED: Access denied');
    case 'not-leader': {
      // The server answers NOT_FOUND with the leader's address in the trailers.
      const metadata = { exception: 'not-leader', 'leader-endpoint-host': '127.0.0.2', 'leader-endpoint-port': '2113' };
      const raw = Object.assign(new Error('5 NOT_FOUND: Leader info available'), {
        code: 5,
        details: 'Leader info available',
        metadata: { getMap: () => metadata },
      });
      return new NotLeaderError(raw as unknown as ConstructorParameters<typeof NotLeaderError>[0]);
    }
  }
}

function toResolved(record: StoredRecord): AllStreamResolvedEvent {
  return {
    event: {
      streamId: record.streamId,
      id: record.id,
      revision: record.revision,
      type: record.type,
      created: record.created,
      isJson: true,
      data: JSON.parse(record.data),
      metadata: record.metadata === '' ? undefined : JSON.parse(record.metadata),
      position: record.position,
    },
  } as AllStreamResolvedEvent;
}

function compare(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
