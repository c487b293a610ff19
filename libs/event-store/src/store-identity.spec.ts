import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreUnavailable } from './errors';
import { storeKey } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { IDENTITY_STREAM } from './eventstoredb/store-identity';
import { FakeEventStoreDb } from './eventstoredb/testing/fake-eventstoredb';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { commandOf } from './testing/new-event';

describe('store identity', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hmicfrs-identity-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('SQLite: kept in the file, so reopening (or a copy) keeps it and a new file has another', async () => {
    const file = join(dir, 'events.db');
    const first = SqliteEventStore.open(file);
    const identity = await first.identity();
    await first.append('recommendation-1', commandOf(1), 'no_stream');
    await first.close();
    const again = SqliteEventStore.open(file);
    expect(await again.identity()).toEqual(identity);
    await again.close();
    const other = SqliteEventStore.open(join(dir, 'other.db'));
    expect((await other.identity()).id).not.toBe(identity.id);
    expect(storeKey(identity)).toBe(`sqlite:${identity.id}`);
    await other.close();
  });

  it('SQLite: a file without a store id (older, or never asked) gets one on first use; read-only, it says it has none', async () => {
    const file = join(dir, 'events.db');
    const store = SqliteEventStore.open(file);
    await store.append('recommendation-1', commandOf(1), 'no_stream');
    await store.close();
    const readonly = SqliteEventStore.open(file, { readonly: true });
    await expect(readonly.identity()).rejects.toThrow(EventStoreUnavailable);
    await readonly.close();
    const writable = SqliteEventStore.open(file);
    expect((await writable.identity()).kind).toBe('sqlite');
    expect(await writable.readStream('recommendation-1')).toHaveLength(1);
    await writable.close();
  });

  it('EventStoreDB: written once to a stream of its own, read by every instance; a new database has another', async () => {
    const server = new FakeEventStoreDb();
    const a = new EventStoreDbEventStore(server.client());
    const b = new EventStoreDbEventStore(server.client());
    // Two instances starting together on a new database agree on one identity.
    const [ia, ib] = await Promise.all([a.identity(), b.identity()]);
    expect(ia).toEqual(ib);
    expect(ia.kind).toBe('eventstoredb');
    expect(server.readStream(IDENTITY_STREAM, { direction: 'forwards' })).toHaveLength(1);
    await a.append('recommendation-1', commandOf(1), 'no_stream');
    expect(await a.identity()).toEqual(ia);
    // Not a product stream: not in $all's product order, nor in the stream list.
    const streams: string[] = [];
    for await (const stream of a.streamIds()) streams.push(stream);
    expect(streams).toEqual(['recommendation-1']);
    const wiped = new EventStoreDbEventStore(new FakeEventStoreDb().client());
    expect((await wiped.identity()).id).not.toBe(ia.id);
    await Promise.all([a.close(), b.close(), wiped.close()]);
  });
});
