import { randomUUID } from 'node:crypto';
import { describeEventStoreContract } from '@hmicfrs/event-store/testing';
import { EventStoreUnavailable } from '../errors';
import { verifyChain } from '../hash-chain';
import { commandOf } from '../testing/new-event';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { FakeEventStoreDb } from './testing/fake-eventstoredb';

/**
 * The contract, run always, against the adapter on an in-memory stand-in for the client: it checks
 * the adapter's own logic (chaining, retries, duplicates, paging, catch-up to live), not the server.
 */
describeEventStoreContract('EventStoreDB adapter on a fake client', async () => {
  const server = new FakeEventStoreDb();
  const opened: EventStoreDbEventStore[] = [];
  const open = async () => {
    const store = new EventStoreDbEventStore(server.client());
    opened.push(store);
    return store;
  };
  return {
    store: await open(),
    tamper: async (streamId, revision, data) => server.alter(streamId, revision, data),
    openAnother: open,
    cleanup: async () => {
      await Promise.all(opened.map((store) => store.close()));
    },
  };
});

/** What only this adapter has to do: it chains with a read before each write, so it must win races. */
describe('EventStoreDB adapter on a fake client: racing writers', () => {
  let server: FakeEventStoreDb;
  let stores: EventStoreDbEventStore[];
  const stream = () => `recommendation-${randomUUID()}`;

  beforeEach(() => {
    server = new FakeEventStoreDb();
    stores = [];
  });

  afterEach(() => Promise.all(stores.map((store) => store.close())));

  const open = (clock?: () => Date) => {
    const store = new EventStoreDbEventStore(server.client(), { clock });
    stores.push(store);
    return store;
  };

  it("appends every 'any' write of five simultaneous writers, and the chain does not fork", async () => {
    const [a, b] = [open(), open()];
    const name = stream();

    const results = await Promise.all([a, b, a, b, a].map((store) => store.append(name, commandOf(2), 'any')));

    expect(results.every((result) => !result.duplicate)).toBe(true);
    const events = await a.readStream(name);
    expect(events).toHaveLength(10);
    expect(verifyChain(name, events).intact).toBe(true);
  });

  it('reports one of two simultaneous appends of the same command as the duplicate, storing it once', async () => {
    const [a, b] = [open(() => new Date('2030-01-01T00:00:00.000Z')), open(() => new Date('2030-01-01T00:00:00.001Z'))];
    const name = stream();
    const command = commandOf(3);

    const results = await Promise.all([a.append(name, command, 'no_stream'), b.append(name, command, 'no_stream')]);

    expect(results.map((result) => result.duplicate).sort()).toEqual([false, true]);
    expect(results[0].events).toEqual(results[1].events);
    expect(await a.readStream(name)).toEqual(results[0].events);
  });

  it("never records an event earlier than its stream's previous one, whatever the writer's clock says", async () => {
    const name = stream();
    await open(() => new Date('2030-01-01T12:00:00.000Z')).append(name, commandOf(1), 'no_stream');

    const late = await open(() => new Date('2030-01-01T11:59:59.000Z')).append(name, commandOf(1), 0);

    expect(late.events[0].metadata.recordedAt).toBe('2030-01-01T12:00:00.000Z');
  });

  it('ends a subscription the server dropped with EventStoreUnavailable, not a silent end', async () => {
    const store = open();
    await store.append(stream(), commandOf(1), 'no_stream');
    let caughtUp = false;
    const subscription = store.subscribeToAll({ onCaughtUp: () => (caughtUp = true) });
    const iterator = subscription[Symbol.asyncIterator]();
    await iterator.next();
    // Asking past the stored event takes the subscription live; onCaughtUp fires just before.
    const pending = iterator.next();
    while (!caughtUp) await new Promise((resolve) => setImmediate(resolve));

    server.endSubscriptions();

    await expect(pending).rejects.toBeInstanceOf(EventStoreUnavailable);
    await subscription.close();
  });
});

describe('EventStoreDB adapter on a fake client: health', () => {
  it('is cheap: one small backwards page of $all, not a thousand records per poll', async () => {
    const server = new FakeEventStoreDb();
    const store = new EventStoreDbEventStore(server.client());
    for (let i = 0; i < 30; i += 1) await store.append(`recommendation-${randomUUID()}`, commandOf(2), 'no_stream');
    const last = (await store.readStream((await collectLast(store)).streamId)).at(-1);
    server.readAllSizes.length = 0;

    const health = await store.health();

    expect(health.position).toBe(last?.position);
    expect(server.readAllSizes).toEqual([20]);
    await store.close();
  });
});

async function collectLast(store: EventStoreDbEventStore) {
  let last;
  for await (const event of store.readAll()) last = event;
  if (!last) throw new Error('empty store');
  return last;
}
