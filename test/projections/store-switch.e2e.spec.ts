import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { EventStoreDbEventStore, SqliteEventStore, storeKey, type EventStore } from '@hmicfrs/event-store';
import { FakeEventStoreDb } from '../../libs/event-store/src/eventstoredb/testing/fake-eventstoredb';
import { expectReadModelsToEqualTheLog } from './support/compare';
import { appendAll, histories } from './support/histories';
import { openReadSide, projected, tempDir, type ReadSide } from './support/read-side';

/**
 * Checkpoints are positions, and a position means something only in the store that gave it. The read
 * models' database keeps, with every checkpoint, the identity of its store; on another store (a data
 * directory switched from SQLite to EventStoreDB, an EventStoreDB volume wiped and refilled while the
 * API's data was kept, events.db restored from an older backup) the projector rebuilds them from the
 * start of the log and says so, instead of stalling on a position the store refuses or skipping events.
 */
describe('a store switch rebuilds the read models', () => {
  let dir: string;
  const opened: Array<{ close(): Promise<void> }> = [];
  let warnings: string[];

  beforeEach(() => {
    dir = tempDir();
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    for (const side of opened.splice(0).reverse()) await side.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sideOn = (store: EventStore, projector = {}): ReadSide => {
    const side = openReadSide({ store, dir, projector });
    opened.push(side);
    return side;
  };
  const sqlite = (): SqliteEventStore => {
    const store = SqliteEventStore.open(join(dir, 'events.db'), { pollIntervalMs: 20 });
    opened.push(store);
    return store;
  };
  const esdb = (server: FakeEventStoreDb): EventStoreDbEventStore => {
    const store = new EventStoreDbEventStore(server.client());
    opened.push(store);
    return store;
  };
  const checkpointStores = (side: ReadSide) =>
    side.database.db.prepare('SELECT DISTINCT store FROM projection_checkpoints').pluck().all() as (string | null)[];

  it('SQLite data directory switched to EventStoreDB: rebuilt, loudly, and every read model equals the new log', async () => {
    const before = sqlite();
    const first = sideOn(before);
    await appendAll(before, histories({ seed: 61, items: 30, commands: 600 }));
    await first.projector.catchUp();
    await first.close();
    await before.close();
    const sqliteKey = storeKey(await SqliteEventStore.open(join(dir, 'events.db')).identity());

    const after = esdb(new FakeEventStoreDb());
    const appends = [...histories({ seed: 62, items: 20, commands: 340 })];
    await appendAll(after, appends.slice(0, 300));
    const side = sideOn(after, { retryMs: 10 });
    side.projector.start();
    await projected(side);
    await appendAll(after, appends.slice(300));
    await projected(side);

    await expectReadModelsToEqualTheLog(side);
    expect(checkpointStores(side)).toEqual([storeKey(await after.identity())]);
    expect(warnings).toEqual([
      expect.stringMatching(/^Rebuilding register, approvalQueue, audit from the start of the log: .*positions in the store sqlite:/),
    ]);
    expect(warnings[0]).toContain(sqliteKey);
  });

  it('EventStoreDB wiped and refilled with other events: rebuilt, and new events are projected', async () => {
    const old = esdb(new FakeEventStoreDb());
    const first = sideOn(old);
    await appendAll(old, histories({ seed: 64, items: 40, commands: 900 }));
    await first.projector.catchUp();
    const oldCheckpoint = (await old.health()).position!;
    await first.close();

    // A new volume: fewer events, so every position in it is before the old checkpoint.
    const wiped = esdb(new FakeEventStoreDb());
    const appends = [...histories({ seed: 65, items: 10, commands: 210 })];
    await appendAll(wiped, appends.slice(0, 150));
    expect((await wiped.health()).position!).toBeLessThan(oldCheckpoint);
    const side = sideOn(wiped, { retryMs: 10 });
    side.projector.start();
    await projected(side);
    await appendAll(wiped, appends.slice(150));
    await projected(side);

    await expectReadModelsToEqualTheLog(side);
    expect(checkpointStores(side)).toEqual([storeKey(await wiped.identity())]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('(the store was switched or replaced)');
  });

  it('events.db restored from an older backup (same store, fewer events): rebuilt from it', async () => {
    const store = sqlite();
    const appends = [...histories({ seed: 67, items: 20, commands: 400 })];
    await appendAll(store, appends.slice(0, 150));
    // The API asks for its store's identity at start, so a backup of a file it has run on carries it.
    await store.identity();
    await store.close();
    copyFileSync(join(dir, 'events.db'), join(dir, 'backup.db'));
    const live = sqlite();
    const first = sideOn(live);
    await appendAll(live, appends.slice(150));
    await first.projector.catchUp();
    await first.close();
    await live.close();
    copyFileSync(join(dir, 'backup.db'), join(dir, 'events.db'));

    const restored = sqlite();
    const side = sideOn(restored);
    expect(await side.projector.catchUp()).toBe(true);
    await expectReadModelsToEqualTheLog(side);
    expect(warnings).toEqual([expect.stringContaining('is past the end of this store')]);
  });

  it('checkpoints from before they named their store are rebuilt once, then followed', async () => {
    const store = sqlite();
    const first = sideOn(store);
    await appendAll(store, histories({ seed: 68, items: 10, commands: 150 }));
    await first.projector.catchUp();
    first.database.db.exec('UPDATE projection_checkpoints SET store = NULL');
    const generations = () => first.database.db.prepare('SELECT generation FROM projection_checkpoints').pluck().all();
    expect(generations()).toEqual([0, 0, 0]);

    await first.projector.catchUp();
    expect(generations()).toEqual([1, 1, 1]);
    expect(warnings).toEqual([expect.stringContaining('do not say which store they came from')]);
    await first.projector.catchUp();
    expect(generations()).toEqual([1, 1, 1]);
    await expectReadModelsToEqualTheLog(first);
  });
});
