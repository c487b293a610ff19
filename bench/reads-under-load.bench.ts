/**
 * Commands while heavy reads run: progress notes over HTTP at a steady rate, first alone (the baseline)
 * and then while 24 clients ask, one after another each, for register exports (CSV, XLSX) and JAC
 * reports (JSON, Markdown, HTML, CSV, Word) — with the reads in worker threads (`READ_WORKERS`, the
 * default) and, for comparison, on the request thread (`READ_WORKERS=0`), all in the same run, on one
 * store. Prints the commands' p50 and p99 in each case; the target is p99 under 100 ms with the reads
 * in workers.
 *   npm run bench:reads-under-load                          5,000 items, 10 s per measurement
 *   BENCH_ITEMS=1000 BENCH_SECONDS=3 npm run bench:reads-under-load   a quick try
 * The API runs as its own process (as in production), so the load is not generated on its event loop.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken } from '@hmicfrs/auth';
import { BUILT_API, freePort, startApi, stopApi } from './api-process';
import { notesUnderLoad, type NotesFigures } from './notes-load';
import { buildRegisterStore } from './register-store';
import { positiveInteger } from './settings';

const ITEMS = positiveInteger('BENCH_ITEMS', 5_000);
const SECONDS = positiveInteger('BENCH_SECONDS', 10);
const COMMANDS_PER_SECOND = positiveInteger('BENCH_COMMAND_RATE', 100);
const CONNECTIONS = 4;
const READERS = 24;
const TARGET_P99_MS = 100;
/** The owner of every 50th item in the built store (`register-store.ts`): I0, I50, I100, … */
const OWNER = 'owner-0';

const READS = [
  '/recommendations/export',
  '/recommendations/export?format=xlsx',
  ...['json', 'md', 'html', 'csv', 'docx'].map(
    (format) => `/reports/jac?asAt=2023-06-30&previous=2022-12-31&since=2021-01-01&format=${format}`,
  ),
];

interface Figures extends NotesFigures {
  mode: string;
  load: string;
  reads: number;
  readsFailed: number;
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'hmicfrs-bench-reads-'));
  const workers = Math.max(1, availableParallelism() - 1);
  console.log(
    `Commands under heavy reads: ${ITEMS.toLocaleString('en-GB')} items, ${COMMANDS_PER_SECOND} notes/s over ${CONNECTIONS} connections, ` +
      `${READERS} concurrent exports and JAC reports, ${SECONDS} s each; ${availableParallelism()} cores; files in ${root}`,
  );
  try {
    const started = Date.now();
    const events = await buildRegisterStore(join(root, 'events.db'), ITEMS, 40);
    console.log(`  store built: ${events.toLocaleString('en-GB')} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const figures = [
      ...(await measureWith(root, `${workers} worker thread${workers === 1 ? '' : 's'}`, String(workers))),
      ...(await measureWith(root, 'request thread', '0')),
    ];
    console.log(table(figures));
    const loaded = figures[1];
    console.log(
      `commands' p99 with ${READERS} reads in workers: ${loaded.p99} ms (${(loaded.p99 / figures[0].p99).toFixed(1)}× the p99 without reads, ` +
        `${figures[0].p99} ms); on the request thread: ${figures[3].perSecond === 0 ? 'no command answered in the run' : `${figures[3].p99} ms`}; target < ${TARGET_P99_MS} ms: ${loaded.p99 < TARGET_P99_MS ? 'met' : 'NOT MET'}`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The API on the store with `READ_WORKERS=threads`: commands alone, then commands under the reads. */
async function measureWith(root: string, mode: string, threads: string): Promise<Figures[]> {
  const secret = randomBytes(32).toString('hex');
  const port = await freePort();
  const api = await startApi(BUILT_API, {
    DATA_DIR: root,
    PORT: String(port),
    JWT_SECRET: secret,
    LOG_LEVEL: 'warn',
    READ_WORKERS: threads,
  });
  try {
    const url = `http://127.0.0.1:${port}`;
    const owner = `Bearer ${issueToken({ userId: OWNER, role: 'owner' }, secret)}`;
    const auditor = `Bearer ${issueToken({ userId: 'ia-khan', role: 'auditor' }, secret)}`;
    await caughtUp(url, auditor);
    await sealedAndVerified(url);
    // A warm-up: the first reads open the workers' connections and fill their caches.
    await Promise.all(READS.map((path) => read(url, path, auditor)));
    const alone = await notes(url, owner);
    const reading = readInLoops(url, auditor);
    const loaded = await notes(url, owner);
    const reads = await reading.stop();
    return [
      { mode, load: 'none', ...alone, reads: 0, readsFailed: 0 },
      { mode, load: `${READERS} reads`, ...loaded, ...reads },
    ];
  } finally {
    await stopApi(api);
  }
}

/** SECONDS of progress notes at COMMANDS_PER_SECOND on owner-0's items. */
function notes(url: string, authorization: string): Promise<NotesFigures> {
  const items = Math.ceil(ITEMS / 50);
  // Failures count timeouts too: on the request thread, commands wait behind the reads for longer than a run lasts.
  return notesUnderLoad(url, authorization, {
    connections: CONNECTIONS,
    seconds: SECONDS,
    rate: COMMANDS_PER_SECOND,
    item: (n) => `I${(n % items) * 50}`,
  });
}

/** READERS clients, each asking for the reads in turn, one at a time, until stopped: how many were answered, and how many failed. */
function readInLoops(url: string, authorization: string): { stop(): Promise<{ reads: number; readsFailed: number }> } {
  let running = true;
  let reads = 0;
  let readsFailed = 0;
  const loops = Array.from({ length: READERS }, async (_, reader) => {
    for (let i = reader; running; i += 1) {
      try {
        await read(url, READS[i % READS.length], authorization);
        reads += 1;
      } catch {
        // A kept-alive connection the server closed as it was reused, say: counted, and the loop goes on.
        readsFailed += 1;
      }
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return { reads, readsFailed };
    },
  };
}

async function read(url: string, path: string, authorization: string): Promise<void> {
  const response = await fetch(`${url}${path}`, { headers: { authorization } });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
}

async function caughtUp(url: string, authorization: string): Promise<void> {
  for (;;) {
    const response = await fetch(`${url}/projections`, { headers: { authorization } });
    const state = (await response.json()) as { projections: { caughtUp: boolean }[] };
    if (state.projections.every((projection) => projection.caughtUp)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Until the API has sealed the built store and verified it (its first start seals every 1,000 events on the
 * request thread, and verifies each checkpoint, in its own worker thread unless READ_WORKERS=0): neither the
 * baseline nor the loaded run may pay for that.
 */
async function sealedAndVerified(url: string): Promise<void> {
  for (;;) {
    const health = (await (await fetch(`${url}/health`)).json()) as {
      store: { position: string | null };
      seal: { lastSealedPosition: string | null } | null;
      integrity: { state: string; lastVerifiedPosition: string | null } | null;
    };
    const sealed = health.seal?.lastSealedPosition ?? null;
    const unsealed = sealed === null ? Infinity : Number(health.store.position) - Number(sealed);
    if (health.integrity?.state === 'intact' && health.integrity.lastVerifiedPosition === sealed && unsealed < 1_000) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function table(figures: Figures[]): string {
  const header = ['reads on', 'background', 'notes/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'reads answered', 'reads failed'];
  const rows = figures.map((f) => [
    f.mode,
    f.load,
    f.perSecond.toFixed(0),
    ...[f.p50, f.p99, f.max].map((ms) => (f.perSecond === 0 ? 'none done' : String(ms))),
    String(f.errors),
    String(f.reads),
    String(f.readsFailed),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
