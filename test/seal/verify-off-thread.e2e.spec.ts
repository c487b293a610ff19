import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore, type EventStore } from '@hmicfrs/event-store';
import { HistoryVerifier, HistoryWatch, Sealer, VerifyThread, type SealKey } from '@hmicfrs/seal';
import { buildRegisterStore } from '../../bench/register-store';
import { APPENDS, newKey, steppingClock, writeRegister } from '../../libs/seal/test/support/sealed-store';
import { longestStall } from '../support/longest-stall';

/** Enough history (about 38,000 events) that verifying it on this thread holds it for about a second (19,000: 220–410 ms). */
const ITEMS = 9_600;
/** How long this thread may go without turning while the worker verifies (see rebuild-off-thread.e2e.spec.ts). */
const BOUND_MS = 250;
const AT = new Date('2026-01-05T10:00:00.000Z');

/**
 * The API's verification of its history runs in a worker thread on its own read-only connection
 * (docs/architecture.md, "Heavy reads off the request thread"): this thread goes on answering while every
 * event is rehashed, and the report, and what it refuses, are those of the verifier on this thread.
 */
describe("the API's history verification in a worker thread", () => {
  const dirs: string[] = [];
  const watches: HistoryWatch[] = [];
  const stores: EventStore[] = [];
  let dir: string;
  let key: SealKey;
  let store: SqliteEventStore;

  beforeAll(async () => {
    dir = newDir();
    await buildRegisterStore(join(dir, 'events.db'), ITEMS, 20);
    key = newKey();
    store = opened(SqliteEventStore.open(join(dir, 'events.db'), { clock: steppingClock() }));
    await new Sealer(store, key, steppingClock(), { maxEventsPerCheckpoint: 1000 }).seal();
  }, 120_000);
  afterAll(async () => {
    for (const watch of watches) await watch.onApplicationShutdown();
    for (const each of stores) await each.close();
    for (const each of dirs) rmSync(each, { recursive: true, force: true });
  });

  function newDir(): string {
    const made = mkdtempSync(join(tmpdir(), 'verify-off-thread-'));
    dirs.push(made);
    return made;
  }
  function opened<T extends EventStore>(each: T): T {
    stores.push(each);
    return each;
  }
  /** The API's watch over the store in `on`, walking its history in a worker thread or on this one. */
  function watchOf(on: { dir: string; store: EventStore }, where: 'worker' | 'this thread'): HistoryWatch {
    const verifier =
      where === 'worker'
        ? new VerifyThread(on.store, { store: { dataDir: on.dir }, publicKeyPem: key.publicKeyPem })
        : new HistoryVerifier({ store: on.store, publicKey: key.publicKey, keyFingerprint: key.fingerprint });
    const watch = new HistoryWatch(verifier, () => AT);
    watches.push(watch);
    return watch;
  }
  /** As the API starts: the pass at start, which commands wait for. */
  async function started(watch: HistoryWatch): Promise<void> {
    watch.onApplicationBootstrap();
    await watch.problemsOf('recommendation-I0');
  }

  it(`verifies in the worker while this thread never stalls ${BOUND_MS} ms; the same report as on this thread, at start and after a checkpoint`, async () => {
    const inWorker = watchOf({ dir, store }, 'worker');
    const onThread = watchOf({ dir, store }, 'this thread');
    const offThread = await longestStall(() => started(inWorker));
    const inThread = await longestStall(() => started(onThread));
    expect(inWorker.status()).toMatchObject({ state: 'intact', broken: [], failing: null });
    expect(inWorker.status().eventsVerified).toBeGreaterThan(30_000);
    expect(inWorker.status()).toEqual(onThread.status());
    expect(inThread.stallMs).toBeGreaterThan(BOUND_MS);
    expect(offThread.stallMs).toBeLessThan(BOUND_MS);

    // The next checkpoint's range: the worker's verifier carries on where it stopped, as this thread's does.
    await writeRegister(store, APPENDS);
    await new Sealer(store, key, steppingClock('2026-01-01T00:00:00.000Z')).seal();
    await Promise.all([inWorker.checkpointed(), onThread.checkpointed()]);
    expect(inWorker.status().lastVerifiedSequence).toBe(onThread.status().lastVerifiedSequence);
    expect(inWorker.status()).toEqual(onThread.status());
  }, 120_000);

  it('an altered event: the same findings, and the same streams refused', async () => {
    const altered = newDir();
    // The file and its log as they stand: the checkpoints may still be in the log only.
    for (const file of ['events.db', 'events.db-wal']) if (existsSync(join(dir, file))) copyFileSync(join(dir, file), join(altered, file));
    const db = new Database(join(altered, 'events.db'));
    const changed = db
      .prepare("UPDATE events SET data = replace(data, 'rag', 'RAG') WHERE stream_id = 'recommendation-I7' AND type = 'RagRated'")
      .run();
    db.close();
    expect(changed.changes).toBe(1);
    const on = { dir: altered, store: opened(SqliteEventStore.open(join(altered, 'events.db'), { readonly: true })) };
    const inWorker = watchOf(on, 'worker');
    const onThread = watchOf(on, 'this thread');
    await started(inWorker);
    await started(onThread);
    expect(inWorker.status().state).toBe('broken');
    expect(inWorker.status()).toEqual(onThread.status());
    for (const stream of ['recommendation-I7', 'recommendation-I8']) {
      expect(await inWorker.problemsOf(stream)).toEqual(await onThread.problemsOf(stream));
    }
    expect(await inWorker.problemsOf('recommendation-I7')).toEqual([expect.objectContaining({ kind: 'changed-event' })]);
  }, 120_000);

  it('a store with nothing sealed yet says so, as on this thread', async () => {
    const fresh = newDir();
    const on = { dir: fresh, store: opened(SqliteEventStore.open(join(fresh, 'events.db'))) };
    await writeRegister(on.store, APPENDS.slice(0, 3));
    const inWorker = watchOf(on, 'worker');
    const onThread = watchOf(on, 'this thread');
    await started(inWorker);
    await started(onThread);
    expect(inWorker.status()).toMatchObject({ state: 'nothing-sealed' });
    expect(inWorker.status()).toEqual(onThread.status());
  });
});
