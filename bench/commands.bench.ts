/**
 * Commands through HTTP, and loading a long-lived item, each beside baselines from the same run: the raw
 * store (durable appends, no HTTP), and a bare Fastify route doing the same durable append per request
 * (`bare-fastify.ts`, its own process, driven exactly as the API is).
 *   npm run bench:commands                       3 HTTP runs of 10 s, 50 load-and-decide runs
 *   BENCH_SECONDS=3 BENCH_REPEATS=1 npm run bench:commands   a quick try
 * The API runs as its own process (as in production) so the load generator does not share its event loop.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { issueToken } from '@hmicfrs/auth';
import { SqliteEventStore, type NewEvent } from '@hmicfrs/event-store';
import { decide, replay, schemaVersions, type RecommendationEvent } from '@hmicfrs/lifecycle';
import { median, peakRssMiB } from './measure';
import { commandEvents } from './payload';
import { RawSqlite } from './raw-sqlite';
import { BARE_READY, BUILT_API, BUILT_BARE_FASTIFY, freePort, startApi, stopApi } from './api-process';
import { positiveInteger } from './settings';

const SECONDS = positiveInteger('BENCH_SECONDS', 10);
const REPEATS = positiveInteger('BENCH_REPEATS', 3);
const CONNECTIONS = positiveInteger('BENCH_CONNECTIONS', 8);
const ITEMS = positiveInteger('BENCH_ITEMS', 200);
const RAW_APPENDS = 2_000;
const LONG_ITEM_EVENTS = 1_000;
const LOAD_RUNS = 50;

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'hmicfrs-bench-commands-'));
  console.log(`Commands benchmark: medians; files in ${root}\n`);
  try {
    const rawAppend = rawDurableAppendRate(join(root, 'raw.db'));
    const http = await httpCommandRate(root);
    const bare = await bareFastifyRate(root);
    const load = await loadAndDecide(join(root, 'long-item.db'));

    console.log('HTTP commands (POST /recommendations/:id/note, bearer token, durable append each)');
    console.log(`  ${CONNECTIONS} connections over ${ITEMS} items, ${REPEATS} runs of ${SECONDS} s`);
    console.log(
      `  commands/s (median):                 ${fmt(http.perSecond)}   (non-2xx: ${http.errors}; latency p50 ${http.p50} ms, p99 ${http.p99} ms)`,
    );
    console.log(`  raw better-sqlite3 durable appends/s: ${fmt(rawAppend)}   (1-event transactions, same pragmas, ${RAW_APPENDS} appends)`);
    console.log(
      `  bare Fastify durable appends/s:      ${fmt(bare.perSecond)}   (same requests, one raw durable append each; non-2xx: ${bare.errors}; p50 ${bare.p50} ms, p99 ${bare.p99} ms)`,
    );
    console.log(`  ratio HTTP/raw:                      ${(http.perSecond / rawAppend).toFixed(2)}`);
    console.log(`  ratio HTTP/bare Fastify:             ${(http.perSecond / bare.perSecond).toFixed(2)}   (target >= 0.5)\n`);
    console.log(`Load and decide one item with ${LONG_ITEM_EVENTS.toLocaleString('en-GB')} events (${LOAD_RUNS} runs)`);
    console.log(`  readStream + replay + decide (median): ${load.adapterMs.toFixed(2)} ms`);
    console.log(`  raw SELECT of the same rows (median):  ${load.rawMs.toFixed(2)} ms   (better-sqlite3 .all(), no JSON parsing)`);
    console.log(`  ratio:                                 ${(load.adapterMs / load.rawMs).toFixed(2)}   (target <= 3)`);
    console.log(`\npeak RSS of the benchmark process: ${peakRssMiB().toFixed(0)} MiB`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function rawDurableAppendRate(file: string): number {
  const raw = new RawSqlite(file);
  const rates: number[] = [];
  for (let run = 0; run < REPEATS; run += 1) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < RAW_APPENDS; i += 1) raw.append(`recommendation-${run}-${i % ITEMS}`, commandEvents(i, 1), Math.floor(i / ITEMS));
    rates.push(RAW_APPENDS / (Number(process.hrtime.bigint() - started) / 1e9));
  }
  raw.close();
  return median(rates);
}

async function httpCommandRate(root: string): Promise<LoadFigures> {
  const secret = randomBytes(32).toString('hex');
  const port = await freePort();
  const api = await startApi(BUILT_API, { DATA_DIR: join(root, 'api-data'), PORT: String(port), JWT_SECRET: secret, LOG_LEVEL: 'warn' });
  try {
    const url = `http://127.0.0.1:${port}`;
    const liaison = `Bearer ${issueToken({ userId: 'flo', role: 'liaison' }, secret)}`;
    const owner = `Bearer ${issueToken({ userId: 'supt-patel', role: 'owner' }, secret)}`;
    await post(url, '/inspections', liaison, { id: 'peel', reportType: 'peel', title: 'PEEL', publishedOn: '2023-09-29' });
    // Every owner is in the directory of people first, as the liaison officer adds them.
    await post(url, '/people', liaison, { id: 'supt-patel', name: 'Supt Asha Patel', roles: ['owner'] });
    for (let i = 0; i < ITEMS; i += 1) {
      await post(url, '/recommendations', liaison, {
        reference: `B-${i}`,
        kind: 'recommendation',
        inspectionId: 'peel',
        text: 'Benchmark item',
        level: 3,
        addressee: 'Chief Constables',
        portfolio: 'Public Protection',
        owner: 'supt-patel',
      });
    }
    return await notesUnderLoad(url, owner);
  } finally {
    await stopApi(api);
  }
}

/** The bare Fastify baseline, in its own process, under the very same load. */
async function bareFastifyRate(root: string): Promise<LoadFigures> {
  const port = await freePort();
  const bare = await startApi(BUILT_BARE_FASTIFY, { DATA_FILE: join(root, 'bare.db'), PORT: String(port) }, BARE_READY);
  try {
    return await notesUnderLoad(`http://127.0.0.1:${port}`, 'Bearer unused');
  } finally {
    await stopApi(bare);
  }
}

interface LoadFigures {
  perSecond: number;
  errors: number;
  p50: number;
  p99: number;
}

/** REPEATS runs of SECONDS of progress notes over ITEMS items from CONNECTIONS connections: the median rate, and the median run's latencies. */
async function notesUnderLoad(url: string, authorization: string): Promise<LoadFigures> {
  const runs: autocannon.Result[] = [];
  for (let run = 0; run < REPEATS; run += 1) {
    let next = 0;
    runs.push(
      await autocannon({
        url,
        connections: CONNECTIONS,
        duration: SECONDS,
        requests: [
          {
            method: 'POST',
            headers: { authorization, 'content-type': 'application/json' },
            setupRequest: (request) => ({
              ...request,
              path: `/recommendations/B-${(next += 1) % ITEMS}/note`,
              body: JSON.stringify({ text: 'Progress reviewed at the HMIC oversight board' }),
            }),
          },
        ],
      }),
    );
  }
  const middle = runs.sort((a, b) => a.requests.average - b.requests.average)[Math.floor(runs.length / 2)];
  return {
    perSecond: median(runs.map((r) => r['2xx'] / r.duration)),
    errors: runs.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
    p50: middle.latency.p50,
    p99: middle.latency.p99,
  };
}

async function loadAndDecide(file: string): Promise<{ adapterMs: number; rawMs: number }> {
  const store = SqliteEventStore.open(file);
  const stream = 'recommendation-long';
  const actor = { userId: 'supt-patel', role: 'owner' as const };
  const opened = decide(
    undefined,
    {
      type: 'OPEN_RECOMMENDATION',
      id: 'long',
      reference: 'long',
      kind: 'recommendation',
      inspectionId: 'peel',
      text: 'An item reviewed at every board for years',
      level: 3,
      addressee: 'Chief Constables',
      portfolio: 'Crime',
      owner: 'supt-patel',
    },
    actor,
  );
  if (!opened.ok) throw new Error(opened.refusal.message);
  let events: RecommendationEvent[] = opened.events;
  for (let i = 1; i < LONG_ITEM_EVENTS; i += 1) {
    events.push({ type: 'ProgressNoted', data: { text: `Board review ${i}: actions on track, next review in a month` } });
    if (events.length === 100 || i === LONG_ITEM_EVENTS - 1) {
      await store.append(
        stream,
        events.map((event) => stamped(event, `c-${i}`)),
        'any',
      );
      events = [];
    }
  }
  const raw = new Database(file, { readonly: true });
  const select = raw.prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY revision');
  const adapter: number[] = [];
  const rawTimes: number[] = [];
  for (let run = 0; run < LOAD_RUNS; run += 1) {
    adapter.push(
      await timed(async () => {
        const state = replay(await store.readStream(stream));
        const decision = decide(state, { type: 'NOTE_PROGRESS', text: 'next' }, actor);
        if (!decision.ok) throw new Error(decision.refusal.message);
      }),
    );
    rawTimes.push(
      await timed(() => {
        if (select.all(stream).length !== LONG_ITEM_EVENTS) throw new Error('raw read came back short');
      }),
    );
  }
  raw.close();
  await store.close();
  return { adapterMs: median(adapter), rawMs: median(rawTimes) };
}

function stamped(event: RecommendationEvent, commandId: string): NewEvent {
  return {
    type: event.type,
    data: event.data,
    metadata: {
      userId: 'supt-patel',
      role: 'owner',
      commandId,
      correlationId: commandId,
      causationId: null,
      schemaVersion: schemaVersions[event.type],
      occurredAt: '2024-06-04T10:15:00.000Z',
    },
  };
}

async function timed(run: () => unknown): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function post(url: string, path: string, authorization: string, body: object): Promise<void> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
}

function fmt(perSecond: number): string {
  return Math.round(perSecond).toLocaleString('en-GB').padStart(8);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
