import { EventStoreDbEventStore } from '@hmicfrs/event-store';
import { FakeEventStoreDb } from '../../libs/event-store/src/eventstoredb/testing/fake-eventstoredb';
import { expectPastRegisterToEqualTheLog, expectReadModelsToEqualTheLog } from './support/compare';
import { appendAll, histories } from './support/histories';
import { openReadSide, projected, type ReadSide } from './support/read-side';

/**
 * The projections use the port alone: on the EventStoreDB adapter (here on the in-memory stand-in for its
 * client, with $all's system records between ours and positions of 128 bits) they must say the same.
 */
describe('read models fed by the EventStoreDB adapter', () => {
  let side: ReadSide;
  let store: EventStoreDbEventStore;
  afterEach(async () => {
    await side.close();
    await store.close();
  });

  it('catch up, then live: every read model equals the log; checkpoints keep all 128 bits', async () => {
    store = new EventStoreDbEventStore(new FakeEventStoreDb().client());
    side = openReadSide({ store });
    const appends = [...histories({ seed: 51, items: 40, commands: 1200 })];
    await appendAll(store, appends.slice(0, 500));
    await side.projector.catchUp();
    side.projector.start();
    await appendAll(store, appends.slice(500));
    await projected(side);
    await expectReadModelsToEqualTheLog(side);
    const position = side.database.db
      .prepare("SELECT position FROM projection_checkpoints WHERE name = 'register'")
      .pluck()
      .get() as string;
    expect(BigInt(position)).toBeGreaterThan(2n ** 64n);
    expect(BigInt(position)).toBe((await store.health()).position);
  });

  it('a projector whose subscription the server drops resumes from its checkpoints: every read model still equals the log', async () => {
    const server = new FakeEventStoreDb();
    store = new EventStoreDbEventStore(server.client());
    side = openReadSide({ store, projector: { retryMs: 10 } });
    const appends = [...histories({ seed: 53, items: 30, commands: 600 })];
    await appendAll(store, appends.slice(0, 200));
    side.projector.start();
    for (const [from, to] of [
      [200, 350],
      [350, 500],
      [500, appends.length],
    ]) {
      await projected(side);
      // Dropped while live, as on a leader change; events are appended while the projector is away.
      server.dropSubscriptions(from === 350 ? 'not-leader' : 'unavailable');
      await appendAll(store, appends.slice(from, to));
    }
    await projected(side);
    await expectReadModelsToEqualTheLog(side);
  });

  it('as known at a date goes by the adapter’s recordedAt', async () => {
    let now = Date.parse('2024-01-01T00:00:00.000Z');
    store = new EventStoreDbEventStore(new FakeEventStoreDb().client(), { clock: () => new Date((now += 60_000)) });
    side = openReadSide({ store });
    await appendAll(store, histories({ seed: 52, items: 40, commands: 1200, start: '2023-01-02T09:00:00.000Z' }));
    await side.projector.catchUp();
    await side.rebuilder.rebuild();
    const log = await expectReadModelsToEqualTheLog(side);
    const recorded = log.map((event) => event.metadata.recordedAt);
    for (const knownAt of [recorded[10], recorded[Math.floor(recorded.length / 2)], recorded[recorded.length - 1]]) {
      expectPastRegisterToEqualTheLog(side, log, '2023-09-30T00:00:00.000Z', knownAt);
      expectPastRegisterToEqualTheLog(side, log, '2024-12-31T00:00:00.000Z', knownAt);
    }
  });
});
