import { randomUUID } from 'node:crypto';
import { AppendOutcomeUnknown, EventStoreUnavailable, WrongExpectedRevision } from '../errors';
import type { RecordedEvent } from '../event';
import { verifyChain } from '../hash-chain';
import { commandOf } from '../testing/new-event';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { FakeEventStoreDb } from './testing/fake-eventstoredb';

/**
 * What a real cluster does that a healthy server never does: appends that time out after they were
 * committed, connections that drop, leaders that change. The fake fails the way
 * @eventstore/db-client 6.x does (its own error classes), and the adapter must never record a
 * command twice nor report as failed a write that landed.
 */
describe('EventStoreDB adapter on a failing cluster: appends', () => {
  let server: FakeEventStoreDb;
  let store: EventStoreDbEventStore;
  let waits: number[];
  const stream = () => `recommendation-${randomUUID()}`;

  beforeEach(() => {
    server = new FakeEventStoreDb();
    waits = [];
    store = new EventStoreDbEventStore(server.client(), {
      retry: { attempts: 4, firstDelayMs: 50, maxDelayMs: 150 },
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
  });

  afterEach(() => store.close());

  it.each(['deadline-exceeded', 'unavailable', 'cancelled'] as const)(
    'records an append that failed with %s after committing exactly once, and reports it written',
    async (error) => {
      const name = stream();
      server.inject('append', { error, commit: 'now' });

      const result = await store.append(name, commandOf(2), 'no_stream');

      expect(result.duplicate).toBe(false);
      const stored = await store.readStream(name);
      expect(stored).toHaveLength(2);
      expect(result.events).toEqual(stored);
      expect(server.calls.append).toBe(1);
    },
  );

  it('does not record the command twice when the user sends it again after a timeout', async () => {
    const name = stream();
    const command = commandOf(1);
    server.inject('append', { error: 'deadline-exceeded', commit: 'now' });
    const first = await store.append(name, command, 'no_stream');

    const again = await store.append(name, command, 'no_stream');

    expect(again.duplicate).toBe(true);
    expect(again.events).toEqual(first.events);
    expect(await store.readStream(name)).toHaveLength(1);
  });

  it('resends the same event ids when the timed-out write lands only after the re-read, and stores it once', async () => {
    const name = stream();
    await store.append(name, commandOf(1), 'no_stream');
    server.inject('append', { error: 'deadline-exceeded', commit: 'after-next-read' });

    const result = await store.append(name, commandOf(2), 0);

    expect(result.duplicate).toBe(false);
    expect(server.calls.append).toBe(3);
    const stored = await store.readStream(name);
    expect(stored).toHaveLength(3);
    expect(result.events).toEqual(stored.slice(1));
    expect(verifyChain(name, stored).intact).toBe(true);
  });

  it('retries a transient failure that did not commit with a small bounded backoff, and writes once', async () => {
    const name = stream();
    server.inject('append', { error: 'unavailable', times: 2 });

    const result = await store.append(name, commandOf(1), 'no_stream');

    expect(result.duplicate).toBe(false);
    expect(server.calls.append).toBe(3);
    expect(waits).toEqual([50, 100]);
    expect(await store.readStream(name)).toHaveLength(1);
  });

  it('follows a leader change: NotLeader is retried (the client reconnects to the leader it names)', async () => {
    const name = stream();
    server.inject('append', { error: 'not-leader' });

    await store.append(name, commandOf(1), 'no_stream');

    expect(await store.readStream(name)).toHaveLength(1);
  });

  it('resolves a failed read-back by reading the stream again, without writing twice', async () => {
    const name = stream();
    // The first read (before the write) succeeds; the read-back after it fails.
    server.inject('readStream', { error: 'deadline-exceeded', skip: 1 });

    const result = await store.append(name, commandOf(2), 'no_stream');

    expect(result.duplicate).toBe(false);
    expect(server.calls.append).toBe(1);
    expect(await store.readStream(name)).toHaveLength(2);
  });

  it('gives up with AppendOutcomeUnknown after the retries, and a second try of the same command is still safe', async () => {
    const name = stream();
    const command = commandOf(1);
    server.inject('append', { error: 'deadline-exceeded', times: 4 });

    const failure = await store.append(name, command, 'no_stream').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(AppendOutcomeUnknown);
    expect(failure).toBeInstanceOf(EventStoreUnavailable);
    expect((failure as Error).message).toMatch(/not known whether command .* was recorded; sending the same command again .* is safe/);
    expect(server.calls.append).toBe(4);
    expect(waits).toEqual([50, 100, 150]);
    const again = await store.append(name, command, 'no_stream');
    expect(again.duplicate).toBe(false);
    expect(await store.readStream(name)).toHaveLength(1);
  });

  it('gives up with the plain outage when nothing could be sent (the stream could not even be read)', async () => {
    server.inject('readStream', { error: 'unavailable', times: 4 });

    const failure = await store.append(stream(), commandOf(1), 'no_stream').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(EventStoreUnavailable);
    expect(failure).not.toBeInstanceOf(AppendOutcomeUnknown);
    expect(server.calls.append).toBe(0);
  });

  it('does not retry what no retry will help: access denied fails at once', async () => {
    server.inject('append', { error: 'access-denied' });

    await expect(store.append(stream(), commandOf(1), 'no_stream')).rejects.toBeInstanceOf(EventStoreUnavailable);
    expect(server.calls.append).toBe(1);
    expect(waits).toEqual([]);
  });

  it('still reports a real conflict after a transient failure that did not commit', async () => {
    const name = stream();
    const other = new EventStoreDbEventStore(server.client());
    // The other writer gets in while this one waits to retry.
    const waiting = new EventStoreDbEventStore(server.client(), {
      sleep: async () => {
        await other.append(name, commandOf(1), 0);
      },
    });
    await waiting.append(name, commandOf(1), 'no_stream');
    server.inject('append', { error: 'unavailable' });

    await expect(waiting.append(name, commandOf(1), 0)).rejects.toBeInstanceOf(WrongExpectedRevision);
    expect(await store.readStream(name)).toHaveLength(2);
    await Promise.all([other.close(), waiting.close()]);
  });
});

/**
 * A follower of the store (projector, reminders, sealer) resubscribes after a drop from the last
 * position it handled; the adapter must then give it every later event once: no gap, no duplicate.
 */
describe('EventStoreDB adapter on a failing cluster: dropped subscriptions', () => {
  let server: FakeEventStoreDb;
  let store: EventStoreDbEventStore;

  beforeEach(() => {
    server = new FakeEventStoreDb();
    store = new EventStoreDbEventStore(server.client());
  });

  afterEach(() => store.close());

  const appendSome = async (count: number) => {
    for (let i = 0; i < count; i += 1) await store.append(`recommendation-${randomUUID()}`, commandOf(1), 'no_stream');
  };

  /** Follows `$all` as the projector does: from the last position handled, again after every outage. */
  async function follow(want: number, onEvent: (handled: number) => Promise<void>): Promise<{ events: RecordedEvent[]; drops: number }> {
    const events: RecordedEvent[] = [];
    let drops = 0;
    while (events.length < want) {
      const after = events[events.length - 1]?.position;
      const subscription = store.subscribeToAll(after === undefined ? {} : { after });
      try {
        for await (const event of subscription) {
          events.push(event);
          await onEvent(events.length);
          if (events.length >= want) break;
        }
      } catch (error) {
        if (!(error instanceof EventStoreUnavailable)) throw error;
        drops += 1;
      } finally {
        await subscription.close();
      }
    }
    return { events, drops };
  }

  const collectAll = async () => {
    const all: RecordedEvent[] = [];
    for await (const event of store.readAll()) all.push(event);
    return all;
  };

  it.each(['unavailable', 'cancelled', 'not-leader'] as const)(
    'resumes after a live subscription is dropped (%s) from the last position, with no gap and no duplicate',
    async (kind) => {
      await appendSome(5);
      const before = (await collectAll()).length;
      let caughtUp = false;
      const { events, drops } = await follow(before + 10, async (handled) => {
        if (handled === before) {
          caughtUp = true;
          await appendSome(2);
        }
        // Live, twice: the server drops the subscription, and events are appended while it is down.
        if (handled === before + 1 || handled === before + 6) {
          await appendSome(2);
          server.dropSubscriptions(kind);
          await appendSome(2);
        }
      });

      expect(caughtUp).toBe(true);
      // The second drop may find the follower still catching up from the first (then it drops nothing).
      expect(drops).toBeGreaterThanOrEqual(1);
      const log = await collectAll();
      expect(log).toHaveLength(before + 10);
      expect(events.map((event) => event.id)).toEqual(log.slice(0, events.length).map((event) => event.id));
      expect(new Set(events.map((event) => event.position)).size).toBe(events.length);
    },
    10_000,
  );

  it('resumes after the catch-up read fails half-way (on its second page), with no gap and no duplicate', async () => {
    // More than one page of $all (1,000 records): 210 appends of 5 events.
    for (let i = 0; i < 210; i += 1) await store.append(`recommendation-${randomUUID()}`, commandOf(5), 'no_stream');
    const log = await collectAll();
    const readsBefore = server.calls.readAll;
    // The first page read succeeds; the one after fails, as a leader change during catch-up would.
    server.inject('readAll', { error: 'unavailable', skip: 1 });

    const { events, drops } = await follow(log.length, async () => undefined);

    expect(drops).toBe(1);
    expect(server.calls.readAll - readsBefore).toBeGreaterThanOrEqual(3);
    expect(events.map((event) => event.id)).toEqual(log.map((event) => event.id));
  }, 20_000);
});

describe('EventStoreDB adapter on a failing cluster: the append size limit', () => {
  it("refuses a batch over the server's maximum append size as InvalidAppend, at once and without retrying", async () => {
    const server = new FakeEventStoreDb();
    server.maxAppendSize = 4096;
    const store = new EventStoreDbEventStore(server.client(), { sleep: async () => undefined });
    const [event] = commandOf(1);
    const big = [{ ...event, data: { text: 'x'.repeat(5000) } }];

    await expect(store.append(`recommendation-${randomUUID()}`, big, 'no_stream')).rejects.toThrow(
      /exceeds the server's maximum append size \(4096 bytes\)/,
    );
    expect(server.calls.append).toBe(1);
    await store.close();
  });
});
