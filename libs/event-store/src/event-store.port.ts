import type { GlobalPosition, NewEvent, RecordedEvent } from './event';
import type { ExpectedRevision } from './expected-revision';

export interface AppendResult {
  streamId: string;
  /** The revision of the last event of the append (the next expected revision). */
  revision: number;
  /** The global position of the last event of the append. */
  position: GlobalPosition;
  /** The events as stored (for a duplicate, the ones stored the first time). */
  events: RecordedEvent[];
  /** True when the command id was already in the stream: nothing was written. */
  duplicate: boolean;
}

export interface ReadStreamOptions {
  /** First revision to read (inclusive). Default 0. */
  fromRevision?: number;
  /** Last revision to read (inclusive). */
  toRevision?: number;
  /** Only events the store had recorded by then (`recordedAt <= recordedUpTo`). */
  recordedUpTo?: Date;
}

export interface ReadAllOptions {
  /** Read events strictly after this position. Default: from the very start. */
  after?: GlobalPosition;
  /** At most this many events. */
  limit?: number;
}

export interface SubscribeOptions {
  /** Deliver events strictly after this checkpoint. Default: from the very start. */
  after?: GlobalPosition;
  /** Called once, when the subscription has delivered everything stored and goes live. */
  onCaughtUp?: () => void;
}

/** A catch-up subscription to everything: stored events first, then live ones as they are appended. */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  /** Ends the iteration; resolves once no more events will be delivered. */
  close(): Promise<void>;
}

/**
 * Which store this is: its kind and an id of this one store (its data, not the machine or the
 * connection). Positions only mean something in the store that gave them: whoever keeps one (the
 * read models' checkpoints) keeps this beside it, and starts again from the beginning on another.
 */
export interface StoreIdentity {
  kind: 'sqlite' | 'eventstoredb';
  id: string;
}

/** The identity as one string (`sqlite:<id>`), as checkpoints keep it. */
export function storeKey(identity: StoreIdentity): string {
  return `${identity.kind}:${identity.id}`;
}

export interface StoreHealth {
  kind: 'sqlite' | 'eventstoredb';
  /** The last global position written, null for an empty store. */
  position: GlobalPosition | null;
}

/**
 * The event-store port. One stream per aggregate (`recommendation-<id>`, `inspection-<id>`).
 * Adapters: `SqliteEventStore` (embedded, default) and `EventStoreDbEventStore`.
 */
export interface EventStore {
  /**
   * Appends events to a stream if its revision is as expected, atomically and durably: when the
   * promise resolves the events are on disk; when it rejects nothing was written.
   * All events of one append carry the same `metadata.commandId`; if the stream already holds that
   * command id, the earlier result is returned with `duplicate: true` and nothing is written.
   * @throws WrongExpectedRevision, InvalidStreamName, InvalidAppend, EventStoreUnavailable
   */
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;

  /** A stream's events in revision order; an empty list for a stream that does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** Whether the stream holds any event: cheaper than reading it when only its existence matters. */
  streamExists(streamId: string): Promise<boolean>;

  /** Every product event in global order. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;

  /** Catch-up subscription to every product event in global order. */
  subscribeToAll(options?: SubscribeOptions): AllSubscription;

  /** The names of every stream, for verification and replay. */
  streamIds(): AsyncIterable<string>;

  health(): Promise<StoreHealth>;

  /**
   * This store's identity: the same for as long as its data lives (a restart, a copy or a restore of
   * it keep it), another for a new or wiped store. Made on first use where the store has none yet.
   * @throws EventStoreUnavailable
   */
  identity(): Promise<StoreIdentity>;

  close(): Promise<void>;
}

/** Injection token for the port. */
export const EVENT_STORE = Symbol('EVENT_STORE');
