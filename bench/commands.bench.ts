/**
 * Commands through HTTP, and loading a long-lived item, each beside baselines from the same run: the raw
 * store (durable appends, no HTTP), and a bare Fastify route doing the same durable append per request
 * (`bare-fastify.ts`, its own process, driven exactly as the API is), taking turns round by round.
 *   npm run bench:commands                       3 rounds (raw, bare route 10 s, API 10 s), 50 load-and-decide runs
 *   BENCH_SECONDS=3 BENCH_REPEATS=1 npm run bench:commands   a quick try
 * The API runs as its own process (as in production) so the load generator does not share its event loop.
 * Each round also prints each server's CPU time per request: on a busy disk the rates follow its fsyncs.
 */
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { issueToken } from '@hmicfrs/auth';
import { SqliteEventStore, type NewEvent } from '@hmicfrs/event-store';
import { decide, replay, schemaVersions, type RecommendationEvent } from '@hmicfrs/lifecycle';
import { median, peakRssMiB } from './measure';
import { notesUnderLoad, type NotesFigures } from './notes-load';
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
/** What /proc counts CPU time in (`getconf CLK_TCK`; 100 on Linux). */
const CLOCK_TICKS = 100;

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'hmicfrs-bench-commands-'));
  console.log(`Commands benchmark: files in ${root}\n`);
  try {
    const rounds = await alternatingRounds(root);
    const load = await loadAndDecide(join(root, 'long-item.db'));

    console.log('HTTP commands (POST /recommendations/:id/note, bearer token, durable append each)');
    console.log(
      `  ${CONNECTIONS} connections over ${ITEMS} items; ${REPEATS} rounds, each: raw appends, bare Fastify for ${SECONDS} s, the API for ${SECONDS} s`,
    );
    console.log('  raw = better-sqlite3 durable appends in this process (1-event transactions, same pragmas, no HTTP)');
    console.log('  bare = a bare Fastify route in its own process doing one raw durable append per request, same load\n');
    console.log(
      '  round      raw/s    bare/s     API/s   API/bare   API/raw   API p50/p99 ms   bare p50/p99 ms   CPU ms per request: API  bare  API/bare',
    );
    rounds.forEach((round, i) => {
      console.log(
        `  ${String(i + 1).padStart(5)}  ${fmt(round.raw)}  ${fmt(round.bare.perSecond)}  ${fmt(round.api.perSecond)}` +
          `   ${ratio(round.api.perSecond / round.bare.perSecond).padStart(8)}  ${ratio(round.api.perSecond / round.raw).padStart(8)}` +
          `   ${`${round.api.p50}/${round.api.p99}`.padStart(14)}   ${`${round.bare.p50}/${round.bare.p99}`.padStart(15)}` +
          `   ${round.api.cpuMs.toFixed(2).padStart(24)}  ${round.bare.cpuMs.toFixed(2).padStart(4)}  ${ratio(round.api.cpuMs / round.bare.cpuMs).padStart(8)}`,
      );
    });
    const errors = rounds.reduce((sum, round) => sum + round.api.errors + round.bare.errors, 0);
    console.log(`  non-2xx or failed requests over all rounds: ${errors}\n`);
    console.log(
      `  commands/s:        ${spread(
        rounds.map((round) => round.api.perSecond),
        fmt,
      )}`,
    );
    console.log(
      `  bare Fastify/s:    ${spread(
        rounds.map((round) => round.bare.perSecond),
        fmt,
      )}`,
    );
    console.log(
      `  raw appends/s:     ${spread(
        rounds.map((round) => round.raw),
        fmt,
      )}`,
    );
    console.log(
      `  ratio API/bare:    ${spread(
        rounds.map((round) => round.api.perSecond / round.bare.perSecond),
        ratio,
      )}   (target >= 0.5)`,
    );
    console.log(
      `  ratio API/raw:     ${spread(
        rounds.map((round) => round.api.perSecond / round.raw),
        ratio,
      )}\n`,
    );
    console.log(`Load and decide one item with ${LONG_ITEM_EVENTS.toLocaleString('en-GB')} events (${LOAD_RUNS} runs)`);
    console.log(`  readStream + replay + decide (median): ${load.adapterMs.toFixed(2)} ms`);
    console.log(`  raw SELECT of the same rows (median):  ${load.rawMs.toFixed(2)} ms   (better-sqlite3 .all(), no JSON parsing)`);
    console.log(`  ratio:                                 ${(load.adapterMs / load.rawMs).toFixed(2)}   (target <= 3)`);
    console.log(`\npeak RSS of the benchmark process: ${peakRssMiB().toFixed(0)} MiB`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

interface Round {
  raw: number;
  bare: LoadFigures;
  api: LoadFigures;
}

/**
 * The three, round after round (raw, bare route, API), so each ratio compares runs a few seconds apart:
 * on a shared machine the rate drifts by tens of percent between minutes. Both servers run throughout;
 * each is measured only after the other's last round has settled (the API's projector caught up).
 */
async function alternatingRounds(root: string): Promise<Round[]> {
  const raw = new RawSqlite(join(root, 'raw.db'));
  const api = await seededApi(root);
  const barePort = await freePort();
  const bare = await startApi(BUILT_BARE_FASTIFY, { DATA_FILE: join(root, 'bare.db'), PORT: String(barePort) }, BARE_READY);
  try {
    const rounds: Round[] = [];
    for (let round = 0; round < REPEATS; round += 1) {
      const rawRate = rawDurableAppendRate(raw, round);
      const bareFigures = await notesWithCpu(`http://127.0.0.1:${barePort}`, 'Bearer unused', bare);
      const apiFigures = await notesWithCpu(api.url, api.owner, api.process);
      await api.settled();
      rounds.push({ raw: rawRate, bare: bareFigures, api: apiFigures });
    }
    return rounds;
  } finally {
    raw.close();
    await Promise.all([stopApi(api.process), stopApi(bare)]);
  }
}

function rawDurableAppendRate(raw: RawSqlite, round: number): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < RAW_APPENDS; i += 1) raw.append(`recommendation-${round}-${i % ITEMS}`, commandEvents(i, 1), Math.floor(i / ITEMS));
  return RAW_APPENDS / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** The API as its own process with ITEMS items to note progress on; `settled` waits until its read models have caught up. */
async function seededApi(root: string) {
  const secret = randomBytes(32).toString('hex');
  const port = await freePort();
  const child = await startApi(BUILT_API, { DATA_DIR: join(root, 'api-data'), PORT: String(port), JWT_SECRET: secret, LOG_LEVEL: 'warn' });
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
  /** Waits (at most a minute) until the read models have passed the store's last position, so the next round starts quiet. */
  const settled = async () => {
    const health = (await (await fetch(`${url}/health`)).json()) as { store: { position: string | null } };
    const headers = { authorization: liaison, 'min-position': health.store.position ?? '0' };
    for (let tries = 0; tries < 60; tries += 1) {
      // Each read waits up to a second for the read models to pass the position.
      const response = await fetch(`${url}/recommendations?limit=1`, { headers });
      await response.arrayBuffer();
      if (!response.headers.has('read-models-behind')) return;
    }
  };
  await settled();
  return { process: child, url, owner, settled };
}

interface LoadFigures extends NotesFigures {
  /** The server process's CPU time (user and system) per request answered, in ms: what bounds it once the disk does not. */
  cpuMs: number;
}

/** SECONDS of progress notes over ITEMS items from CONNECTIONS connections, and the server's CPU time for them. */
async function notesWithCpu(url: string, authorization: string, server: ChildProcess): Promise<LoadFigures> {
  const cpuBefore = cpuSeconds(server);
  const figures = await notesUnderLoad(url, authorization, { connections: CONNECTIONS, seconds: SECONDS, item: (n) => `B-${n % ITEMS}` });
  const cpuMs = figures.answered === 0 ? Number.NaN : ((cpuSeconds(server) - cpuBefore) * 1000) / figures.answered;
  return { ...figures, cpuMs };
}

/** User and system CPU time a child process has used so far, from /proc (Linux). */
function cpuSeconds(child: ChildProcess): number {
  const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
  // The fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** The median of `values` and their range: "1,234 (1,100–1,300)". */
function spread(values: number[], format: (value: number) => string): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `${format(median(values)).trim()} median (${format(sorted[0]).trim()}–${format(sorted[sorted.length - 1]).trim()})`;
}

function ratio(value: number): string {
  return value.toFixed(2);
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
