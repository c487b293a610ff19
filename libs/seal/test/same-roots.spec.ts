import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDbEventStore, SqliteEventStore, type EventStore } from '@hmicfrs/event-store';
import { FakeEventStoreDb } from '../../event-store/src/eventstoredb/testing/fake-eventstoredb';
import { SEAL_STREAM, Sealer, storedCheckpoints, verifyHistory } from '@hmicfrs/seal';
import { APPENDS, newKey, steppingClock, writeRegister } from './support/sealed-store';

/** The same events give the same counts and roots whichever adapter holds them; only positions differ. */
describe('checkpoints over SQLite and EventStoreDB (the fake server)', () => {
  const key = newKey();

  async function sealedRoots(open: (clock: () => Date) => EventStore) {
    const store = open(steppingClock());
    try {
      await writeRegister(store, APPENDS.slice(0, 9));
      const sealer = new Sealer(store, key, steppingClock('2024-04-01T00:00:00.000Z'), { maxEventsPerCheckpoint: 3 });
      await sealer.seal();
      await writeRegister(store, APPENDS.slice(9));
      await sealer.seal();
      const { checkpoints } = await storedCheckpoints(store);
      const verdict = await verifyHistory({ store, publicKey: key.publicKey, keyFingerprint: key.fingerprint });
      const events = [];
      for await (const event of store.readAll()) if (event.streamId !== SEAL_STREAM) events.push(event);
      return {
        order: events.map(({ streamId, revision, metadata }) => [streamId, revision, metadata.hash]),
        positions: checkpoints.map(({ position }) => position),
        roots: checkpoints.map(({ sequence, count, rangeCount, rangeRoot, root, headsDigest }) => ({
          sequence,
          count,
          rangeCount,
          rangeRoot,
          root,
          headsDigest,
        })),
        verdict,
      };
    } finally {
      await store.close();
    }
  }

  it('writes the same checkpoints, and each verifies its own store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roots-'));
    const sqlite = await sealedRoots((clock) => SqliteEventStore.open(join(dir, 'events.db'), { clock }));
    const server = new FakeEventStoreDb();
    const esdb = await sealedRoots((clock) => new EventStoreDbEventStore(server.client(), { clock }));

    expect(sqlite.roots.length).toBeGreaterThan(3);
    // The same events, hashed alike, in the same global order; at other positions ($all's are the log's offsets).
    expect(esdb.order).toEqual(sqlite.order);
    expect(esdb.positions).not.toEqual(sqlite.positions);
    expect(esdb.roots).toEqual(sqlite.roots);
    expect(sqlite.verdict.findings).toEqual([]);
    expect(esdb.verdict.findings).toEqual([]);
    expect(esdb.verdict.unsealed).toBe(0);
    expect(esdb.verdict.events).toBe(sqlite.verdict.events);
  });
});
