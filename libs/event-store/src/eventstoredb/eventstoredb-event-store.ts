import {
  BACKWARDS,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { AppendOutcomeUnknown, EventStoreUnavailable, WrongExpectedRevision } from '../errors';
import type { NewEvent, RecordedEvent } from '../event';
import type {
  AllSubscription,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  StoreHealth,
  StoreIdentity,
  SubscribeOptions,
} from '../event-store.port';
import { NO_STREAM_REVISION, type ExpectedRevision } from '../expected-revision';
import { GENESIS_HASH } from '../hash-chain';
import { checkAppend, checkExpectedRevision, sealEvents, type SealedEvent } from '../seal';
import { assertStreamName } from '../stream-name';
import { scanAll } from './all-scan';
import { EsdbAllSubscription } from './esdb-all-subscription';
import { checkConnectionSettings, userOf } from './connection-settings';
import { allReadRefused, isAccessDenied, isTransient, revisionOf, translateClientError } from './esdb-errors';
import { fromEsdbEvent, toEventData } from './esdb-events';
import { encodePosition } from './position';
import { isProductEvent } from './product-streams';
import { storeIdentityOf } from './store-identity';

/** How often an append is re-read and re-sealed after losing a race before it reports the conflict. */
const APPEND_ATTEMPTS = 5;

/** How an append rides out transient failures (timeouts, dropped connections, leader changes). */
export interface RetryPolicy {
  /** Calls made in all, the first included, before giving up (default 4). */
  attempts: number;
  /** The wait before the second call; it doubles before each further one (default 100 ms). */
  firstDelayMs: number;
  /** The longest wait between two calls (default 1 s). */
  maxDelayMs: number;
}

/** Records of `$all` read per page by `health()`, backwards from the end. */
const HEALTH_PAGE_SIZE = 20;

const DEFAULT_RETRY: RetryPolicy = { attempts: 4, firstDelayMs: 100, maxDelayMs: 1000 };

export interface EventStoreDbOptions {
  /** The adapter's clock for `recordedAt`. */
  clock?: () => Date;
  /** Retries of an append after a transient failure; see `RetryPolicy` for the defaults. */
  retry?: Partial<RetryPolicy>;
  /** How the adapter waits between retries (tests pass one that records the waits). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The event-store port on EventStoreDB / KurrentDB through `@eventstore/db-client` (the package is
 * `@kurrent/kurrentdb-client` upstream now; only this folder imports it). One product stream is one
 * EventStoreDB stream of the same name; the global order is `$all`, filtered to product streams.
 * The client connects lazily: an unreachable server shows as `EventStoreUnavailable` on first use.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly clock: () => Date;
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly subscriptions = new Set<EsdbAllSubscription>();
  private closed = false;

  /**
   * @param connection a connection string (`esdb://host:2113?tls=false`), or a client built some other
   *   way (certificate files, a fake in tests); the store owns it either way and disposes of it on close.
   */
  constructor(connection: string | EventStoreDBClient, options: EventStoreDbOptions = {}) {
    this.client = typeof connection === 'string' ? connect(connection) : connection;
    this.clock = options.clock ?? (() => new Date());
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * Opens the store as the API does at start: the connection string's settings are checked (those
   * the adapter cannot run with are refused, local-only ones are warned about), then one event of
   * `$all` is read, so a user who may not read it is told at start what to grant rather than at the
   * first projection. A server that does not answer yet is only warned about: the client connects
   * when it does, and every operation reports `EventStoreUnavailable` until then.
   */
  static async open(
    connection: string | EventStoreDBClient,
    options: EventStoreDbOptions & { warn?: (message: string) => void } = {},
  ): Promise<EventStoreDbEventStore> {
    const warn = options.warn ?? ((message: string) => console.warn(message));
    if (typeof connection === 'string') checkConnectionSettings(connection).warnings.forEach((warning) => warn(warning));
    const store = new EventStoreDbEventStore(connection, options);
    try {
      await store.probeAll();
    } catch (error) {
      if (isAccessDenied(error)) {
        await store.close();
        throw allReadRefused(
          error instanceof EventStoreUnavailable ? error.cause : error,
          typeof connection === 'string' ? { user: userOf(connection) } : undefined,
        );
      }
      if (!isTransient(error)) {
        await store.close();
        throw translateClientError(error);
      }
      warn(
        `EventStoreDB does not answer yet (${error instanceof Error ? error.message : String(error)}): starting anyway, it is used once it does`,
      );
    }
    return store;
  }

  /**
   * The chain needs the stream's last hash before the events can be sealed, so every append reads
   * the stream, seals after its last event and writes with that exact revision, even for `any`:
   * a concurrent writer then makes the write fail instead of forking the chain, and the append is
   * re-read and re-sealed (a few times) rather than refused. The same read finds an earlier append
   * of the same command id. Reading whole streams is fine for one stream per item (tens of events).
   * Event ids are `eventIdFor(stream, command, index)`, so should the read miss a concurrent retry of
   * the same command, the server's idempotency drops the repeat, which the read-back below detects.
   *
   * A transient failure (deadline, dropped connection, leader change: `isTransient`) leaves the
   * outcome unknown, since the server may have committed all the same. It is resolved, not reported:
   * after a short doubling wait the stream is read again from the leader; the command's own sealed
   * events there mean it was written (`duplicate: false`), otherwise the same batch is sent again and
   * the server de-duplicates it by event id. After `retry.attempts` calls it gives up with
   * `AppendOutcomeUnknown` (or the plain outage when nothing was ever sent).
   */
  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    assertStreamName(streamId);
    const commandId = checkAppend(streamId, events);
    checkExpectedRevision(streamId, expected);
    /** The batch last sent whose outcome is not known (the call failed, or its read-back did). */
    let sent: SealedEvent[] | undefined;
    let conflicts = 0;
    for (let failures = 0; ;) {
      try {
        const stream = await this.readEvents(streamId, { from: 0, requiresLeader: true });
        const earlier = stream.filter((event) => event.metadata.commandId === commandId);
        // Our own batch, committed although the call reported a failure, is not a duplicate.
        if (earlier.length > 0) return resultOf(streamId, earlier, !sameBatch(earlier, sent));
        const last = stream[stream.length - 1];
        const current = last?.revision ?? NO_STREAM_REVISION;
        if (expected !== 'any' && current !== (expected === 'no_stream' ? NO_STREAM_REVISION : expected)) {
          throw new WrongExpectedRevision(streamId, expected, current);
        }
        // A batch whose outcome is unknown is sent again exactly as it was (same ids, same seal)
        // while the stream has not moved: should the first one land after all, the server's
        // idempotency drops the repeat and the read-back finds the same events.
        const sealed =
          sent && sent[0].revision === current + 1
            ? sent
            : sealEvents(streamId, events, { revision: current, hash: last?.metadata.hash ?? GENESIS_HASH }, this.recordedAt(last));
        sent = sealed;
        const written = await this.write(streamId, sealed, current, expected);
        if (written.ok) return await this.readBack(streamId, sealed);
        conflicts += 1;
        if (conflicts >= APPEND_ATTEMPTS) throw new WrongExpectedRevision(streamId, expected, written.actual);
      } catch (error) {
        if (!isTransient(error)) throw error;
        failures += 1;
        if (failures >= this.retry.attempts) {
          // Nothing was sent: nothing was written, and the port's promise holds.
          if (!sent) throw error;
          throw new AppendOutcomeUnknown(streamId, commandId, failures, { cause: error });
        }
        await this.sleep(Math.min(this.retry.maxDelayMs, this.retry.firstDelayMs * 2 ** (failures - 1)));
        this.assertOpen();
      }
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertStreamName(streamId);
    const from = Math.max(0, options.fromRevision ?? 0);
    const to = options.toRevision;
    if (to !== undefined && to < from) return [];
    // From the leader: a follower can lag, and what is read here decides commands.
    const events = await this.readEvents(streamId, { from, maxCount: to === undefined ? undefined : to - from + 1, requiresLeader: true });
    const upTo = options.recordedUpTo?.getTime();
    return upTo === undefined ? events : events.filter((event) => Date.parse(event.metadata.recordedAt) <= upTo);
  }

  async streamExists(streamId: string): Promise<boolean> {
    this.assertOpen();
    assertStreamName(streamId);
    return (await this.readEvents(streamId, { from: 0, maxCount: 1, requiresLeader: true })).length > 0;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const { after, limit } = options;
    if (limit !== undefined && limit <= 0) return;
    let delivered = 0;
    for await (const raw of scanAll(this.client, FORWARDS, after)) {
      if (!isProductEvent(raw)) continue;
      yield fromEsdbEvent(raw);
      delivered += 1;
      if (limit !== undefined && delivered >= limit) return;
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): AllSubscription {
    this.assertOpen();
    const subscription: EsdbAllSubscription = new EsdbAllSubscription(this.client, options, () => this.subscriptions.delete(subscription));
    this.subscriptions.add(subscription);
    return subscription;
  }

  /**
   * Collected from `$all` rather than the `$streams` system projection, which needs projections
   * running on the server (the compose file turns them off). Costs one pass over `$all`.
   */
  async *streamIds(): AsyncIterable<string> {
    this.assertOpen();
    const seen = new Set<string>();
    for await (const raw of scanAll(this.client, FORWARDS)) {
      if (!isProductEvent(raw) || seen.has(raw.streamId)) continue;
      seen.add(raw.streamId);
      yield raw.streamId;
    }
  }

  /**
   * The position of the last product event: `$all` read backwards past the server's own records, in
   * small pages (`/health` is polled every few seconds, and the last product event is nearly always
   * among the last few records).
   */
  async health(): Promise<StoreHealth> {
    this.assertOpen();
    for await (const raw of scanAll(this.client, BACKWARDS, undefined, HEALTH_PAGE_SIZE)) {
      if (isProductEvent(raw)) return { kind: 'eventstoredb', position: encodePosition(raw.position) };
    }
    return { kind: 'eventstoredb', position: null };
  }

  /** Read, not cached: a database replaced under a running API must show as another store. See `storeIdentityOf`. */
  async identity(): Promise<StoreIdentity> {
    this.assertOpen();
    return storeIdentityOf(this.client, this.clock);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /** Reads the first record of `$all`, to learn at once whether the user may read it. */
  private async probeAll(): Promise<void> {
    for await (const resolved of this.client.readAll({ direction: FORWARDS, fromPosition: START, maxCount: 1 })) void resolved;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailable('this EventStoreDB store has been closed');
  }

  /**
   * Never earlier than the stream's previous event: API instances on several machines have clocks
   * that disagree a little, and "as known at" reads must not see an event without its predecessor.
   */
  private recordedAt(last: RecordedEvent | undefined): string {
    const now = this.clock();
    if (last && Date.parse(last.metadata.recordedAt) > now.getTime()) return last.metadata.recordedAt;
    return now.toISOString();
  }

  private async write(
    streamId: string,
    sealed: SealedEvent[],
    current: number,
    expected: ExpectedRevision,
  ): Promise<{ ok: true } | { ok: false; actual: number }> {
    try {
      const result = await this.client.appendToStream(streamId, sealed.map(toEventData), {
        expectedRevision: current === NO_STREAM_REVISION ? NO_STREAM : BigInt(current),
      });
      // Only when the connection string says throwOnAppendFailure=false; then -1 means no stream.
      if (!result.success) return { ok: false, actual: Number(result.nextExpectedRevision) };
      return { ok: true };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return { ok: false, actual: revisionOf(error.actualVersion) };
      throw translateClientError(error, { streamId, expected });
    }
  }

  /**
   * The events as stored, with their `$all` positions (the append result gives one position for the
   * whole batch). Hashes that differ from what was sealed mean the server's idempotency kept an
   * earlier write of the same event ids: that is a duplicate. Two writers sealing the same command in
   * the same millisecond produce identical hashes and cannot be told apart: both are told
   * `duplicate: false`, for the one copy stored.
   */
  private async readBack(streamId: string, sealed: SealedEvent[]): Promise<AppendResult> {
    const stored = await this.readEvents(streamId, { from: sealed[0].revision, maxCount: sealed.length, requiresLeader: true });
    if (stored.length !== sealed.length) {
      throw new EventStoreUnavailable(`${streamId}: ${sealed.length} events were appended but ${stored.length} read back`);
    }
    const duplicate = stored.some((event, index) => event.metadata.hash !== sealed[index].metadata.hash);
    return resultOf(streamId, stored, duplicate);
  }

  private async readEvents(
    streamId: string,
    range: { from: number; maxCount?: number; requiresLeader?: boolean },
  ): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        fromRevision: BigInt(range.from),
        maxCount: range.maxCount,
        requiresLeader: range.requiresLeader,
      });
      for await (const resolved of read) {
        if (!resolved.event) throw new EventStoreUnavailable(`${streamId} holds a link to a deleted event: not a product stream`);
        events.push(fromEsdbEvent(resolved.event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw translateClientError(error);
    }
    return events;
  }
}

/** Whether the stored events are the batch this append sealed (same ids and hashes, in order). */
function sameBatch(stored: RecordedEvent[], sent: SealedEvent[] | undefined): boolean {
  return (
    sent !== undefined &&
    stored.length === sent.length &&
    stored.every((event, index) => event.id === sent[index].id && event.metadata.hash === sent[index].metadata.hash)
  );
}

function resultOf(streamId: string, events: RecordedEvent[], duplicate: boolean): AppendResult {
  const last = events[events.length - 1];
  return { streamId, revision: last.revision, position: last.position, events, duplicate };
}

/**
 * A connection string can hold a password, and the client's parse error quotes the piece it choked
 * on (`esdb://admin:secret` quotes the password as a bad port) and keeps the whole string: only the
 * position and what was expected are passed on, without the original error as the cause.
 */
function connect(connectionString: string): EventStoreDBClient {
  const { refusals } = checkConnectionSettings(connectionString);
  if (refusals.length > 0) {
    throw new EventStoreUnavailable(`EVENTSTORE_CONNECTION_STRING is refused: ${refusals.join('; ')}`);
  }
  try {
    return EventStoreDBClient.connectionString(connectionString);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new EventStoreUnavailable(
      `the connection string is not one @eventstore/db-client accepts (esdb://… or esdb+discover://…): ${message.replace(/"[^"]*"/g, '"…"')}`,
    );
  }
}
