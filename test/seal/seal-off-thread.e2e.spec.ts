import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteEventStore } from '@hmicfrs/event-store';
import { SealSchedule, SealThread, Sealer, storedCheckpoints, type SealKey } from '@hmicfrs/seal';
import { buildRegisterStore } from '../../bench/register-store';
import { newKey, steppingClock } from '../../libs/seal/test/support/sealed-store';
import { longestStall } from '../support/longest-stall';

/** A backlog of about 19,200 unsealed events: sealing it on this thread held /health for up to 360 ms. */
const ITEMS = 4_900;
/** How long this thread may go without turning while the backlog is sealed (as verify-off-thread.e2e.spec.ts). */
const BOUND_MS = 250;
const EVERY = 1000;

/**
 * The API's sealer hashes its backlog in a worker thread on its own read-only connection (docs/architecture.md,
 * "Heavy reads off the request thread"): this thread goes on answering while about 19,000 events are sealed
 * at start, and the checkpoints written are, byte for byte, those of the sealer hashing on this thread.
 */
describe("the API's sealer in a worker thread", () => {
  let base: string;
  let events: number;
  const dirs: string[] = [];
  let key: SealKey;

  beforeAll(async () => {
    base = newDir();
    events = await buildRegisterStore(join(base, 'events.db'), ITEMS, 20);
    key = newKey();
  }, 120_000);
  afterAll(() => {
    for (const each of dirs) rmSync(each, { recursive: true, force: true });
  });

  function newDir(): string {
    const made = mkdtempSync(join(tmpdir(), 'seal-off-thread-'));
    dirs.push(made);
    return made;
  }

  /** The API's schedule starting on a copy of the unsealed store, until everything is sealed: the longest stall, and what it wrote. */
  async function sealAtStart(where: 'worker' | 'this thread') {
    const dir = newDir();
    copyFileSync(join(base, 'events.db'), join(dir, 'events.db'));
    const store = SqliteEventStore.open(join(dir, 'events.db'));
    const hasher = where === 'worker' ? new SealThread({ dataDir: dir }) : undefined;
    const sealer = new Sealer(store, key, steppingClock(), { maxEventsPerCheckpoint: EVERY, hasher });
    const schedule = new SealSchedule(sealer, store, { everyEvents: EVERY, everyMinutes: 0 });
    try {
      const { stallMs } = await longestStall(async () => {
        await schedule.onApplicationBootstrap();
        while (schedule.status().lastSealedPosition !== String(events)) {
          if (schedule.status().failing !== null) throw new Error(`sealing failed: ${schedule.status().failing}`);
          await sleep(5);
        }
      });
      return { stallMs, checkpoints: (await storedCheckpoints(store)).checkpoints };
    } finally {
      await schedule.beforeApplicationShutdown();
      await sealer.onApplicationShutdown();
      await store.close();
    }
  }

  it(`seals a backlog of 19,000+ events while this thread never stalls ${BOUND_MS} ms; the same checkpoints as hashed on this thread`, async () => {
    expect(events).toBeGreaterThan(19_000);
    const offThread = await sealAtStart('worker');
    const inThread = await sealAtStart('this thread');
    expect(offThread.checkpoints).toHaveLength(Math.ceil(events / EVERY));
    expect(offThread.checkpoints.at(-1)).toMatchObject({ count: events, position: String(events) });
    expect(offThread.checkpoints).toEqual(inThread.checkpoints);
    expect(offThread.stallMs).toBeLessThan(BOUND_MS);
  }, 120_000);
});
