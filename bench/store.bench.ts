/**
 * The embedded store against raw better-sqlite3 on the same schema, pragmas and payloads.
 *   npm run bench:store                       1,000,000 events, 5 runs of each measurement
 *   BENCH_EVENTS=100000 BENCH_REPEATS=3 npm run bench:store   a quick try
 * BENCH_SINGLE_APPENDS (default 2,000) sets the count for durable single-event appends, which
 * fsync once per append and so run at the disk's pace rather than the CPU's. BENCH_SEAL_APPENDS (default
 * 20,000) sets the count for durable appends with sealing on and off.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type ExpectedRevision } from '@hmicfrs/event-store';
import { eventsPerSecond, peakRssMiB, seconds, table, type Comparison } from './measure';
import { commandEvents } from './payload';
import { RawSqlite } from './raw-sqlite';
import { compareSealing } from './sealing';
import { positiveInteger } from './settings';

const EVENTS = positiveInteger('BENCH_EVENTS', 1_000_000);
const REPEATS = positiveInteger('BENCH_REPEATS', 5);
const SINGLE_APPENDS = positiveInteger('BENCH_SINGLE_APPENDS', 2_000);
const SEAL_APPENDS = positiveInteger('BENCH_SEAL_APPENDS', 20_000);

/** One append of a workload: `count` events to `stream`. */
interface Append {
  stream: string;
  count: number;
}

interface Workload {
  name: string;
  events: number;
  appends: () => Iterable<Append>;
}

const workloads: Workload[] = [
  {
    name: 'durable 1-event appends, one stream',
    events: SINGLE_APPENDS,
    appends: () => repeat(SINGLE_APPENDS, () => ({ stream: 'recommendation-1', count: 1 })),
  },
  {
    name: 'durable 1-event appends, 500 streams',
    events: SINGLE_APPENDS,
    appends: () => repeat(SINGLE_APPENDS, (i) => ({ stream: `recommendation-${i % 500}`, count: 1 })),
  },
  {
    name: '1,000-event appends, one stream',
    events: EVENTS,
    appends: () => batches(EVENTS, 1000, () => 'recommendation-1'),
  },
  {
    name: '100-event appends, a new stream each',
    events: EVENTS,
    appends: () => batches(EVENTS, 100, (i) => `recommendation-${i}`),
  },
];

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'hmicfrs-bench-'));
  let files = 0;
  const newFile = () => join(root, `events-${(files += 1)}.db`);
  console.log(`Event store benchmark: ${REPEATS} runs of each, medians; files in ${root}`);
  console.log('Every append is durable (WAL, synchronous=FULL): it returns once its transaction is fsynced.');
  console.log('Adapter and raw take turns append by append, each on its own file, so both meet the same disk conditions.');
  console.log(
    `Durable single-event appends use ${SINGLE_APPENDS.toLocaleString('en-GB')} appends (one fsync each); ` +
      `batched appends build a store of ${EVENTS.toLocaleString('en-GB')} events.`,
  );
  console.log(
    'raw appends = better-sqlite3 on the same schema and pragmas, one IMMEDIATE transaction per append, building the same events,\n' +
      '  a random UUID and JSON.stringify of data and metadata per event; no validation, no revision or duplicate check, no hashing.',
  );
  console.log(
    'raw read    = SELECT of the same columns in global order through .raw().iterate(), with JSON.parse of data and metadata per row;\n' +
      '  the adapter also builds each RecordedEvent (with a BigInt position) and delivers it through an async iterator.\n',
  );
  try {
    const results: Comparison[] = [];
    let readFile = '';
    for (const workload of workloads) {
      const comparison: Comparison = { name: workload.name, events: workload.events, adapter: [], raw: [] };
      for (let run = 0; run < REPEATS; run += 1) {
        const files = { adapter: newFile(), raw: newFile() };
        const rates = await compareAppends(workload, files);
        comparison.adapter.push(rates.adapter);
        comparison.raw.push(rates.raw);
        removeDatabase(files.raw);
        const last = workload === workloads[workloads.length - 1] && run === REPEATS - 1;
        if (last) readFile = files.adapter;
        else removeDatabase(files.adapter);
      }
      results.push(comparison);
      console.log(`  done: ${workload.name} (peak RSS so far ${peakRssMiB().toFixed(0)} MiB)`);
    }
    results.push(await compareReads(readFile));
    console.log(`\n${table(results)}\n`);
    await compareSealing(newFile, { appends: SEAL_APPENDS, writers: 16, sealEvery: 1000, repeats: REPEATS });
    console.log(`Peak RSS of the whole run: ${peakRssMiB().toFixed(0)} MiB`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * The adapter and the raw baseline take turns, append by append, each on its own file, so both meet
 * the same disk: fsync latency on a shared or virtual disk drifts too much for one-after-the-other runs.
 */
async function compareAppends(workload: Workload, files: { adapter: string; raw: string }) {
  (globalThis as { gc?: () => void }).gc?.();
  const store = SqliteEventStore.open(files.adapter);
  const raw = new RawSqlite(files.raw);
  const revisions = new Map<string, number>();
  const elapsed = { adapter: 0n, raw: 0n };
  try {
    let n = 0;
    let turn = 0;
    for (const { stream, count } of workload.appends()) {
      const last = revisions.get(stream);
      const throughAdapter = async () => {
        const started = process.hrtime.bigint();
        const expected: ExpectedRevision = last === undefined ? 'no_stream' : last;
        await store.append(stream, commandEvents(n, count), expected);
        elapsed.adapter += process.hrtime.bigint() - started;
      };
      const throughRaw = () => {
        const started = process.hrtime.bigint();
        raw.append(stream, commandEvents(n, count), last === undefined ? 0 : last + 1);
        elapsed.raw += process.hrtime.bigint() - started;
      };
      if ((turn += 1) % 2 === 0) {
        await throughAdapter();
        throughRaw();
      } else {
        throughRaw();
        await throughAdapter();
      }
      revisions.set(stream, (last ?? -1) + count);
      n += count;
    }
  } finally {
    raw.close();
    await store.close();
  }
  return { adapter: workload.events / seconds(elapsed.adapter), raw: workload.events / seconds(elapsed.raw) };
}

async function compareReads(file: string): Promise<Comparison> {
  const store = SqliteEventStore.open(file, { readonly: true });
  const raw = new RawSqlite(file);
  const comparison: Comparison = { name: 'full read in global order', events: EVENTS, adapter: [], raw: [] };
  let readRssMiB = 0;
  try {
    const adapterRead = async () => {
      let count = 0;
      for await (const event of store.readAll()) {
        count += event.revision >= 0 ? 1 : 0;
        // Sampled as it goes: a read that held on to what it delivered would show here, not at the end.
        if (count % 10_000 === 0) readRssMiB = Math.max(readRssMiB, process.memoryUsage().rss / 1024 / 1024);
      }
      if (count !== EVENTS) throw new Error(`the adapter read ${count} events, expected ${EVENTS}`);
    };
    const rawRead = () => {
      const count = raw.readAll();
      if (count !== EVENTS) throw new Error(`the raw read found ${count} events, expected ${EVENTS}`);
    };
    // One unmeasured pass each, so both read from a warm page cache.
    await adapterRead();
    rawRead();
    for (let run = 0; run < REPEATS; run += 1) {
      if (run % 2 === 1) comparison.raw.push(await eventsPerSecond(EVENTS, rawRead));
      comparison.adapter.push(await eventsPerSecond(EVENTS, adapterRead));
      if (run % 2 === 0) comparison.raw.push(await eventsPerSecond(EVENTS, rawRead));
    }
    console.log(
      `  done: full reads (RSS while the adapter read: at most ${readRssMiB.toFixed(0)} MiB; peak so far ${peakRssMiB().toFixed(0)} MiB)`,
    );
    return comparison;
  } finally {
    raw.close();
    await store.close();
  }
}

function* repeat<T>(times: number, item: (index: number) => T): Iterable<T> {
  for (let i = 0; i < times; i += 1) yield item(i);
}

function* batches(total: number, size: number, stream: (index: number) => string): Iterable<Append> {
  for (let i = 0; i * size < total; i += 1) yield { stream: stream(i), count: Math.min(size, total - i * size) };
}

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
