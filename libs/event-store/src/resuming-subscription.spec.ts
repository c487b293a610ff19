import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from './event';
import { StoreReplaced } from './errors';
import type { EventStore } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { FakeEventStoreDb, type FakeFailureKind } from './eventstoredb/testing/fake-eventstoredb';
import { resumingSubscription } from './resuming-subscription';
import { commandOf } from './testing/new-event';

/** The followers' one way to outlive drops, over the adapter on the fake, which drops as the real client does. */
describe('resumingSubscription', () => {
  let server: FakeEventStoreDb;
  let store: EventStoreDbEventStore;

  beforeEach(() => {
    server = new FakeEventStoreDb();
    store = new EventStoreDbEventStore(server.client());
  });
  afterEach(() => store.close());

  const appendSome = async (count: number, events = 1) => {
    for (let i = 0; i < count; i += 1) await store.append(`recommendation-${randomUUID()}`, commandOf(events), 'no_stream');
  };
  const collectAll = async () => {
    const events: RecordedEvent[] = [];
    for await (const event of store.readAll()) events.push(event);
    return events;
  };

  it.each<FakeFailureKind>(['unavailable', 'cancelled', 'not-leader'])(
    'dropped live with the client’s %s error: resubscribes after the last event it gave, every event once',
    async (kind) => {
      await appendSome(5);
      const drops: string[] = [];
      let caughtUp = 0;
      const subscription = resumingSubscription(store, {
        firstDelayMs: 1,
        // Once live, one more event: the drops below then happen to a live subscription.
        onCaughtUp: () => {
          caughtUp += 1;
          void appendSome(1);
        },
        onDrop: (error, retryInMs) => drops.push(`${error.constructor.name} ${retryInMs}`),
      });
      const seen: RecordedEvent[] = [];
      for await (const event of subscription) {
        seen.push(event);
        if (seen.length === 6 || seen.length === 10) {
          await appendSome(2);
          server.dropSubscriptions(kind);
          await appendSome(2);
        }
        if (seen.length === 14) break;
      }
      await subscription.close();

      expect(drops.length).toBeGreaterThanOrEqual(1);
      expect(drops[0]).toBe('EventStoreUnavailable 1');
      expect(caughtUp).toBe(1);
      const log = await collectAll();
      expect(log).toHaveLength(14);
      expect(seen.map((event) => event.id)).toEqual(log.map((event) => event.id));
    },
  );

  it('resumes when the catch-up fails half-way (its second page of $all), with no gap and no duplicate', async () => {
    await appendSome(210, 5);
    const log = await collectAll();
    server.inject('readAll', { error: 'unavailable', skip: 1 });
    let drops = 0;
    const subscription = resumingSubscription(store, { firstDelayMs: 1, onDrop: () => (drops += 1) });
    const seen: RecordedEvent[] = [];
    for await (const event of subscription) {
      seen.push(event);
      if (seen.length === log.length) break;
    }
    await subscription.close();
    expect(drops).toBe(1);
    expect(seen.map((event) => event.id)).toEqual(log.map((event) => event.id));
  }, 20_000);

  it('waits longer after each drop in a row, up to the most, and keeps trying while the store is down', async () => {
    await appendSome(1);
    server.inject('readAll', { error: 'unavailable', times: 4 });
    const waits: number[] = [];
    const subscription = resumingSubscription(store, { firstDelayMs: 2, maxDelayMs: 10, onDrop: (_, ms) => waits.push(ms) });
    for await (const event of subscription) {
      expect(event.streamId).toMatch(/^recommendation-/);
      break;
    }
    await subscription.close();
    expect(waits).toEqual([2, 4, 8, 10]);
  });

  it('does not resume on another store: a store replaced under it fails with StoreReplaced', async () => {
    await appendSome(3);
    let identity = 'first';
    const replaceable = new Proxy(store, {
      get: (target, name) => {
        if (name === 'identity') return async () => ({ kind: 'eventstoredb', id: identity });
        const value: unknown = Reflect.get(target, name);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as EventStore;
    // Live, the database is replaced: the subscription drops, and the store found is another.
    const replace = () =>
      setImmediate(() => {
        identity = 'second';
        server.dropSubscriptions();
      });
    const subscription = resumingSubscription(replaceable, { firstDelayMs: 1, onCaughtUp: replace });
    const seen: RecordedEvent[] = [];
    const following = (async () => {
      for await (const event of subscription) seen.push(event);
    })();
    await expect(following).rejects.toThrow(StoreReplaced);
    expect(seen).toHaveLength(3);
  });

  it('ends when closed, and an error other than an outage ends it with that error', async () => {
    await appendSome(2);
    const subscription = resumingSubscription(store, { firstDelayMs: 1 });
    const iterator = subscription[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    await subscription.close();
    expect((await iterator.next()).done).toBe(true);

    const broken = Object.assign(Object.create(store) as EventStore, {
      identity: async () => {
        throw new TypeError('a bug');
      },
    });
    const failing = resumingSubscription(broken);
    await expect(failing[Symbol.asyncIterator]().next()).rejects.toThrow(TypeError);
  });
});
