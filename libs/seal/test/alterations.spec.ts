import { mkdtempSync, truncateSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@hmicfrs/event-store';
import { SEAL_STREAM, Sealer } from '@hmicfrs/seal';
import {
  alteredCopy,
  newKey,
  rehashFrom,
  rowsOf,
  sealedStore,
  steppingClock,
  verify,
  type Row,
  type SealedStore,
} from './support/sealed-store';

/**
 * Each alteration someone with the database file could make, on a copy of a real sealed store with the
 * API stopped; `cli verify` must name each one (issue 11). The auditor holds the public key and the export.
 */
describe('cli verify names every alteration of a sealed store', () => {
  let sealed: SealedStore;
  let empty: string;
  beforeAll(async () => {
    sealed = await sealedStore();
    empty = mkdtempSync(join(tmpdir(), 'verify-env-'));
  });

  const audit = (file: string, extra: string[] = []) =>
    verify(['--store', file, '--public-key', sealed.publicKeyFile, '--checkpoints', sealed.exportFile, ...extra], empty);

  it('an intact copy verifies; the events after the last checkpoint are not yet sealed, which is not a failure', async () => {
    const result = await audit(alteredCopy(sealed, () => undefined));
    expect(result.out).toMatch(/NOT YET SEALED: 2 events after position \d+ \(checkpoint #4\)/);
    expect(result.out).toMatch(/^OK: 15 events in 5 streams/m);
    expect(result.code).toBe(0);
  });

  it('also without the export, against the store’s own checkpoints', async () => {
    const result = await verify(['--store', alteredCopy(sealed, () => undefined), '--public-key', sealed.publicKeyFile], empty);
    expect(result.out).toMatch(/checked against the store's own checkpoints/);
    expect(result.code).toBe(0);
  });

  it('an event’s texts written again as other JSON of the same content is no alteration', async () => {
    const copy = alteredCopy(sealed, (db) => {
      const row = rowsOf(db, 'recommendation-34')[1];
      const metadata = JSON.parse(row.metadata) as Record<string, unknown>;
      const reversed = Object.fromEntries(Object.entries(metadata).reverse());
      db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(
        JSON.stringify(JSON.parse(row.data), null, 2),
        JSON.stringify(reversed),
        row.position,
      );
    });
    const result = await audit(copy);
    expect(result.out).toMatch(/^OK: 15 events in 5 streams/m);
    expect(result.code).toBe(0);
  });

  it('the last event of a stream deleted', async () => {
    const copy = alteredCopy(sealed, (db) => db.prepare("DELETE FROM events WHERE stream_id = 'recommendation-35' AND revision = 2").run());
    const result = await audit(copy);
    expect(result.out).toMatch(
      /ALTERED deleted-event: recommendation-35 revision 2 \(then its last event\), sealed by checkpoint #3 \(positions 9\.\.12\), is gone/,
    );
    expect(result.out).toMatch(
      /ALTERED checkpoint-mismatch: checkpoint #3 \(positions 9\.\.12\) no longer matches: it sealed 4 events, the store now holds 3/,
    );
    expect(result.code).toBe(1);
  });

  it('a whole stream deleted', async () => {
    const copy = alteredCopy(sealed, (db) => db.prepare("DELETE FROM events WHERE stream_id = 'recommendation-35'").run());
    const result = await audit(copy);
    expect(result.out).toMatch(
      /ALTERED deleted-stream: stream recommendation-35 was deleted: all its events, revisions 0\.\.2, are gone; checkpoints #2\.\.#3 sealed them \(positions 5\.\.12\)/,
    );
    expect(result.out.match(/deleted-stream/g)).toHaveLength(1);
    expect(result.code).toBe(1);
  });

  it('an event in the middle of a stream deleted', async () => {
    const copy = alteredCopy(sealed, (db) => db.prepare("DELETE FROM events WHERE stream_id = 'recommendation-33' AND revision = 2").run());
    const result = await audit(copy);
    expect(result.out).toMatch(/ALTERED deleted-event: recommendation-33 revision 2 is gone: the stream jumps past it \(at position \d+\)/);
    expect(result.out.match(/deleted-event/g)).toHaveLength(1);
    expect(result.code).toBe(1);
  });

  it('one event changed and the rest of its stream re-hashed', async () => {
    const copy = alteredCopy(sealed, (db) => rehashFrom(db, 'recommendation-33', 1, (data) => (data.rag = 'green')));
    const result = await audit(copy);
    expect(result.out).not.toMatch(/changed-event|broken-link/); // the chain itself holds…
    expect(result.out).toMatch(
      /ALTERED rehashed-stream: recommendation-33: revision 1 is not the event checkpoint #1 sealed, though its chain holds: an event at revision 0\.\.1 or before was changed/,
    );
    expect(result.out).toMatch(/ALTERED checkpoint-mismatch: checkpoint #\d/);
    expect(result.out).not.toMatch(/ALTERED reordered/); // …and later checkpoints are not blamed on anything else
    expect(result.code).toBe(1);
  });

  it('one event changed without re-hashing', async () => {
    const copy = alteredCopy(sealed, (db) =>
      db.prepare("UPDATE events SET data = json_set(data, '$.rag', 'green') WHERE stream_id = 'recommendation-35' AND revision = 1").run(),
    );
    const result = await audit(copy);
    expect(result.out).toMatch(/ALTERED changed-event: recommendation-35 revision 1 \(position 9\): its content does not match its hash/);
    expect(result.code).toBe(1);
  });

  it('the recorded_at column backdated', async () => {
    const copy = alteredCopy(sealed, (db) =>
      db.prepare("UPDATE events SET recorded_at = '2023-12-01T00:00:00.000Z' WHERE stream_id = 'recommendation-34' AND revision = 3").run(),
    );
    const result = await audit(copy);
    expect(result.out).toMatch(
      /ALTERED recorded-at-altered: recommendation-34 revision 3 \(position \d+\): the store's recorded_at says 2023-12-01T00:00:00.000Z, the sealed recordedAt is 2024-03-01T/,
    );
    expect(result.code).toBe(1);
  });

  it('the global positions of two events of one stream swapped', async () => {
    const copy = alteredCopy(sealed, (db) => {
      const [, second, third] = rowsOf(db, 'recommendation-33');
      swapPositions(db, second, third);
    });
    const result = await audit(copy);
    expect(result.out).toMatch(
      /ALTERED reordered-in-stream: recommendation-33 revision 1 \(position 8\) comes after revision 2 \(position 4\) in the global order/,
    );
    expect(result.code).toBe(1);
  });

  it('the positions of events in two different streams swapped', async () => {
    const copy = alteredCopy(sealed, (db) => {
      // recommendation-33 revision 0 and recommendation-34 revision 0: positions 2 and 3, both in checkpoint #1
      swapPositions(db, rowsOf(db, 'recommendation-33')[0], rowsOf(db, 'recommendation-34')[0]);
    });
    const result = await audit(copy);
    expect(result.out).toMatch(
      /ALTERED reordered: the events of checkpoint #1 \(positions start\.\.4\) are not the ones it sealed in the order it sealed them: positions were changed \(recommendation-33 revision 0 \(position 3\) stands after recommendation-34 revision 0 \(position 2\), recorded later\)/,
    );
    expect(result.code).toBe(1);
  });

  it('events swapped across two checkpoints’ ranges', async () => {
    // The inspection report's only event (checkpoint #1) and recommendation-35's first (checkpoint #2).
    const copy = alteredCopy(sealed, (db) => swapPositions(db, rowsOf(db, 'inspection-peel-2023')[0], rowsOf(db, 'recommendation-35')[0]));
    const result = await audit(copy);
    expect(result.out).toMatch(
      /ALTERED reordered: inspection-peel-2023 revision 0, sealed by checkpoint #1 \(positions start\.\.4\), now stands at position 5/,
    );
    expect(result.out).toMatch(
      /ALTERED inserted-event: recommendation-35 revision 0 \(position 1\) lies within checkpoint #1's range, which sealed no event of that stream: inserted, or moved there/,
    );
    expect(result.code).toBe(1);
  });

  it('an inserted forged event with a valid per-stream chain', async () => {
    const copy = alteredCopy(sealed, (db) => {
      // Room is made inside the last sealed range by moving every later event up one position; the
      // forged event continues recommendation-35's chain from its last (sealed) event.
      const at = db.prepare("SELECT position FROM events WHERE stream_id = 'recommendation-33' AND revision = 4").pluck().get() as number;
      const later = db.prepare('SELECT position FROM events WHERE position >= ? ORDER BY position DESC').pluck().all(at) as number[];
      for (const position of later) db.prepare('UPDATE events SET position = position + 1 WHERE position = ?').run(position);
      const stream = rowsOf(db, 'recommendation-35');
      forgeAfter(db, stream[stream.length - 1], at);
    });
    const result = await audit(copy);
    expect(result.out).not.toMatch(/changed-event|broken-link/);
    expect(result.out).toMatch(
      /ALTERED inserted-event: recommendation-35 revision 3 \(position \d+\) lies within checkpoint #4's range, which sealed no event of that stream/,
    );
    expect(result.code).toBe(1);
  });

  it('the file truncated', async () => {
    const copy = alteredCopy(sealed, () => undefined);
    truncateSync(copy, Math.floor(statSync(copy).size * 0.6));
    const result = await audit(copy);
    expect(result.out).toMatch(/ALTERED store-damaged: .*copy-\d+\.db is not a readable store \(truncated or corrupt\)/);
    expect(result.code).toBe(1);
  });

  it('the checkpoint stream replaced by one the forger signed', async () => {
    const copy = alteredCopy(sealed, (db) => db.prepare('DELETE FROM events WHERE stream_id = ?').run(SEAL_STREAM));
    await resealWithAnotherKey(copy);
    const result = await audit(copy);
    expect(result.out).toMatch(/ALTERED checkpoint-replaced: the store's checkpoint #1 is not the exported one/);
    expect(result.code).toBe(1);
  });

  it('the checkpoint stream deleted', async () => {
    const copy = alteredCopy(sealed, (db) => db.prepare('DELETE FROM events WHERE stream_id = ?').run(SEAL_STREAM));
    const result = await audit(copy);
    expect(result.out).toMatch(/ALTERED checkpoint-missing: the store's seal stream lacks checkpoints #1\.\.#4 that the export holds/);
    expect(result.code).toBe(1);
  });

  it('an event changed, its chain re-hashed and the history re-sealed with another key', async () => {
    const copy = alteredCopy(sealed, (db) => {
      rehashFrom(db, 'recommendation-34', 1, (data) => (data.owner = 'someone-else'));
      db.prepare('DELETE FROM events WHERE stream_id = ?').run(SEAL_STREAM);
    });
    await resealWithAnotherKey(copy);
    const result = await verify(['--store', copy, '--public-key', sealed.publicKeyFile], empty);
    expect(result.out).toMatch(
      /ALTERED checkpoint-wrong-key: checkpoint #1 is signed by another key \(fingerprint [0-9a-f]{16}\), not the given key/,
    );
    expect(result.code).toBe(1);
  });
});

function swapPositions(db: import('better-sqlite3').Database, a: Row, b: Row): void {
  db.transaction(() => {
    db.prepare('UPDATE events SET position = -1 WHERE position = ?').run(a.position);
    db.prepare('UPDATE events SET position = ? WHERE position = ?').run(a.position, b.position);
    db.prepare('UPDATE events SET position = ? WHERE position = -1').run(b.position);
  })();
}

/** A forged event at the end of a stream, chained from its last event, at `position`. */
function forgeAfter(db: import('better-sqlite3').Database, last: Row, position: number): void {
  const { hashEvent } = jest.requireActual('@hmicfrs/event-store') as typeof import('@hmicfrs/event-store');
  const previous = JSON.parse(last.metadata) as Record<string, unknown> & { hash: string; recordedAt: string };
  const { hash: previousHash, ...rest } = previous;
  const metadata = { ...rest, commandId: 'forged', correlationId: 'forged', previousHash };
  const revision = last.revision + 1;
  const id = '00000000-0000-5000-8000-000000000001';
  const data = { note: 'Closed, as agreed' };
  const hash = hashEvent({ id, streamId: last.stream_id, revision, type: 'ProgressNoted', data, metadata: metadata as never });
  db.prepare(
    'INSERT INTO events (position, stream_id, revision, id, type, data, metadata, command_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    position,
    last.stream_id,
    revision,
    id,
    'ProgressNoted',
    JSON.stringify(data),
    JSON.stringify({ ...metadata, hash }),
    'forged',
    metadata.recordedAt,
  );
}

/** What a forger without the signing key does: seals the altered store again with a key of their own. */
async function resealWithAnotherKey(file: string): Promise<void> {
  const store = SqliteEventStore.open(file);
  try {
    await new Sealer(store, newKey(), steppingClock('2024-03-05T00:00:00.000Z'), { maxEventsPerCheckpoint: 4 }).seal();
  } finally {
    await store.close();
  }
}
