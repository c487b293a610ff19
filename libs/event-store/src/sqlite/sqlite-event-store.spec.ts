import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EventStoreUnavailable } from '../errors';
import type { RecordedEvent } from '../event';
import { verifyChain } from '../hash-chain';
import { commandOf, describeEventStoreContract, newEvent } from '../testing';
import { SqliteEventStore } from './sqlite-event-store';

const directories: string[] = [];
function newDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'hmicfrs-events-'));
  directories.push(directory);
  return directory;
}
afterAll(() => directories.forEach((directory) => rmSync(directory, { recursive: true, force: true })));

describeEventStoreContract('SqliteEventStore', async () => {
  const file = join(newDirectory(), 'events.db');
  const store = SqliteEventStore.open(file);
  return {
    store,
    tamper: async (streamId, revision, data) => {
      const db = new Database(file);
      try {
        const { changes } = db
          .prepare('UPDATE events SET data = ? WHERE stream_id = ? AND revision = ?')
          .run(JSON.stringify(data), streamId, revision);
        if (changes !== 1) throw new Error(`no event ${streamId}@${revision} to tamper with`);
      } finally {
        db.close();
      }
    },
    openAnother: async () => SqliteEventStore.open(file),
    cleanup: () => store.close(),
  };
});

describe('SqliteEventStore on its file', () => {
  let open: SqliteEventStore[] = [];
  const openStore = (...args: Parameters<typeof SqliteEventStore.open>) => {
    const store = SqliteEventStore.open(...args);
    open.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(open.map((store) => store.close()));
    open = [];
  });

  const unavailable = (attempt: () => unknown): EventStoreUnavailable => {
    try {
      attempt();
    } catch (error) {
      expect(error).toBeInstanceOf(EventStoreUnavailable);
      return error as EventStoreUnavailable;
    }
    throw new Error('expected EventStoreUnavailable, but it succeeded');
  };

  it('creates the directories it needs and reports an empty store', async () => {
    const file = join(newDirectory(), 'data', 'nested', 'events.db');

    const store = openStore(file);

    expect(await store.health()).toEqual({ kind: 'sqlite', position: null });
  });

  it('keeps what was appended across closing and reopening the file', async () => {
    const file = join(newDirectory(), 'events.db');
    const first = openStore(file);
    const written = (await first.append('recommendation-1', commandOf(3), 'no_stream')).events;
    await first.close();

    const reopened = openStore(file);
    const read = await reopened.readStream('recommendation-1');
    const next = await reopened.append('recommendation-1', commandOf(1), 2);

    expect(read).toEqual(written);
    expect(next.position).toBe(written[2].position + 1n);
    expect(verifyChain('recommendation-1', await reopened.readStream('recommendation-1')).intact).toBe(true);
  });

  it('commits appends made in the same tick together, refusing one alone without losing the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hmicfrs-group-'));
    const store = openStore(join(dir, 'events.db'));
    await store.append('recommendation-taken', commandOf(1), 'no_stream');
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 20 }, (_, i) => store.append(`recommendation-g${i}`, commandOf(2), 'no_stream')),
      store.append('recommendation-taken', commandOf(1), 'no_stream'),
    ]);
    expect(outcomes.slice(0, 20).every((outcome) => outcome.status === 'fulfilled')).toBe(true);
    expect(outcomes[20]).toMatchObject({ status: 'rejected', reason: { name: 'WrongExpectedRevision', actual: 0 } });
    const positions = outcomes.slice(0, 20).map((outcome) => (outcome as PromiseFulfilledResult<{ position: bigint }>).value.position);
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    const all: RecordedEvent[] = [];
    for await (const event of store.readAll()) all.push(event);
    expect(all).toHaveLength(41);
    expect(await store.readStream('recommendation-taken')).toHaveLength(1);
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails a whole group commit when the disk fills, so no append is reported failed yet stored', async () => {
    const store = openStore(join(newDirectory(), 'events.db'));
    await store.append('recommendation-0', commandOf(1), 'no_stream');
    // Fault injection: cap the file a few pages above its size, as a nearly full disk would.
    const db = (store as unknown as { db: Database.Database }).db;
    db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 20}`);
    const streams = ['recommendation-a', 'recommendation-b', 'recommendation-c'];
    const tooBig = [newEvent('ThingHappened', { blob: 'x'.repeat(500_000) })];

    const outcomes = await Promise.allSettled([
      store.append(streams[0], commandOf(1), 'no_stream'),
      store.append(streams[1], tooBig, 'no_stream'),
      store.append(streams[2], commandOf(1), 'no_stream'),
    ]);

    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: expect.any(EventStoreUnavailable) });
    for (const [i, stream] of streams.entries()) {
      const stored = (await store.readStream(stream)).length > 0;
      expect({ stream, stored }).toEqual({ stream, stored: outcomes[i].status === 'fulfilled' });
    }
  });

  it('fails a lone append that fills the disk with EventStoreUnavailable, writing nothing, and goes on after', async () => {
    const store = openStore(join(newDirectory(), 'events.db'));
    await store.append('recommendation-0', commandOf(1), 'no_stream');
    const db = (store as unknown as { db: Database.Database }).db;
    db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 20}`);

    const error = await store.append('recommendation-0', [newEvent('ThingHappened', { blob: 'x'.repeat(500_000) })], 0).then(
      () => new Error('appended beyond the end of the disk'),
      (reason: unknown) => reason,
    );
    const next = await store.append('recommendation-0', commandOf(1), 0);

    expect(error).toBeInstanceOf(EventStoreUnavailable);
    expect((error as Error).message).toMatch(/disk is full/);
    expect(next.revision).toBe(1);
    expect((await store.readStream('recommendation-0')).map((event) => event.metadata.commandId)).toEqual([
      expect.any(String),
      next.events[0].metadata.commandId,
    ]);
  });

  it('refuses a file that is not a database, naming it', () => {
    const file = join(newDirectory(), 'events.db');
    writeFileSync(file, randomBytes(16_384));

    const error = unavailable(() => openStore(file));

    expect(error.message).toContain(file);
    expect(error.message).toMatch(/not an SQLite database/);
  });

  it('reports a database damaged after it was written as unavailable, naming the file', async () => {
    const file = join(newDirectory(), 'events.db');
    const store = openStore(file);
    for (let i = 0; i < 20; i += 1) await store.append(`recommendation-${i}`, commandOf(50), 'no_stream');
    await store.close();
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    randomBytes(bytes.length - pageSize).copy(bytes, pageSize);
    writeFileSync(file, bytes);

    const damaged = SqliteEventStore.open(file);
    open.push(damaged);
    const error = await damaged.readStream('recommendation-3').then(
      () => new Error('the damaged file was read without complaint'),
      (reason: unknown) => reason,
    );

    expect(error).toBeInstanceOf(EventStoreUnavailable);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/corrupt|not an SQLite database/);
  });

  it('refuses a path whose directory cannot be created, naming it', () => {
    const blocker = join(newDirectory(), 'a-file');
    writeFileSync(blocker, 'not a directory');
    const file = join(blocker, 'events.db');

    const error = unavailable(() => openStore(file));

    expect(error.message).toContain(file);
  });

  it('refuses a path that is a directory, naming it', () => {
    const directory = newDirectory();

    const error = unavailable(() => openStore(directory));

    expect(error.message).toContain(directory);
  });

  it('refuses a file from a newer version of the schema', () => {
    const file = join(newDirectory(), 'events.db');
    openStore(file);
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();

    const error = unavailable(() => openStore(file));

    expect(error.message).toMatch(/schema version 99/);
  });

  it('opened read-only, reads but refuses to append, naming the file', async () => {
    const file = join(newDirectory(), 'events.db');
    const writer = openStore(file);
    await writer.append('recommendation-1', commandOf(1), 'no_stream');

    const reader = openStore(file, { readonly: true });
    const error = await reader.append('recommendation-1', commandOf(1), 0).then(
      () => new Error('a read-only store appended'),
      (reason: unknown) => reason,
    );

    expect(error).toBeInstanceOf(EventStoreUnavailable);
    expect((error as Error).message).toContain(file);
    expect(await reader.readStream('recommendation-1')).toHaveLength(1);
    expect(await writer.readStream('recommendation-1')).toHaveLength(1);
  });

  it('opened read-only, refuses a file that does not exist rather than create it', () => {
    const file = join(newDirectory(), 'missing.db');

    const error = unavailable(() => openStore(file, { readonly: true }));

    expect(error.message).toContain(file);
  });

  it('gives up with EventStoreUnavailable when another connection holds the write lock too long, writing nothing', async () => {
    const file = join(newDirectory(), 'events.db');
    const store = openStore(file, { busyTimeoutMs: 50 });
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      const error = await store.append('recommendation-1', commandOf(1), 'no_stream').then(
        () => new Error('appended while another connection held the lock'),
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(EventStoreUnavailable);
      expect((error as Error).message).toMatch(/locked/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(await store.readStream('recommendation-1')).toEqual([]);
  });

  it('wakes a live subscription at once for its own appends, without waiting for the poll', async () => {
    const store = openStore(join(newDirectory(), 'events.db'), { pollIntervalMs: 60_000 });
    let caughtUp = false;
    const received: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({ onCaughtUp: () => (caughtUp = true) });
    const consumed = (async () => {
      for await (const event of subscription) received.push(event);
    })();
    await until(() => caughtUp);

    await store.append('recommendation-1', commandOf(2), 'no_stream');
    await until(() => received.length === 2, 1000);
    await subscription.close();
    await consumed;

    expect(received.map((event) => event.revision)).toEqual([0, 1]);
  });

  it('finds appends made by another connection to the same file by polling', async () => {
    const file = join(newDirectory(), 'events.db');
    const store = openStore(file, { pollIntervalMs: 20 });
    const otherProcess = openStore(file);
    const received: RecordedEvent[] = [];
    const subscription = store.subscribeToAll();
    const consumed = (async () => {
      for await (const event of subscription) received.push(event);
    })();

    for (let i = 0; i < 5; i += 1) await otherProcess.append('recommendation-1', commandOf(1), i === 0 ? 'no_stream' : i - 1);
    await until(() => received.length === 5, 2000);
    await subscription.close();
    await consumed;

    expect(received.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4]);
  });

  it('ends its subscriptions when the store closes', async () => {
    const store = SqliteEventStore.open(join(newDirectory(), 'events.db'));
    let caughtUp = false;
    const subscription = store.subscribeToAll({ onCaughtUp: () => (caughtUp = true) });
    const consumed = (async () => {
      for await (const event of subscription) throw new Error(`unexpected ${event.id}`);
    })();
    await until(() => caughtUp);

    await store.close();

    await expect(consumed).resolves.toBeUndefined();
  });
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
