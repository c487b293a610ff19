/**
 * The web pages at 50,000 items: the register (paged, filtered, sorted, searched), item pages and each
 * role's home page, answered by the API running as its own process on a store of that size, with the
 * read models caught up. Each page's p95 is printed beside the baseline: the register's first page, as
 * measured in the same run.
 * Searches: a word in an eighth of the wordings and a fifth of the notes ("vetting"), a word in most
 * wordings ("force", the worst case: tens of thousands of hits ranked), a reference, two words with a filter.
 *   npm run bench:pages                                     50,000 items, 200 requests per page
 *   BENCH_ITEMS=5000 BENCH_REQUESTS=50 npm run bench:pages  a quick try
 * Each item's events are one append (one durable commit), written through the embedded store's port; the
 * API's own projector then builds the read models, as after an import. Requests are sequential (one
 * person at a time), each with a session cookie, so a latency is a page's own cost.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken, type Actor } from '@hmicfrs/auth';
import { median } from './measure';
import { buildRegisterStore } from './register-store';
import { freePort, startApi, stopApi } from './api-process';
import { positiveInteger } from './settings';

const ITEMS = positiveInteger('BENCH_ITEMS', 50_000);
const REQUESTS = positiveInteger('BENCH_REQUESTS', 200);
const INSPECTIONS = 40;
const TARGET_MS = 100;

interface Measured {
  page: string;
  median: number;
  p95: number;
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'hmicfrs-bench-pages-'));
  console.log(`Pages benchmark: ${ITEMS.toLocaleString('en-GB')} items, ${REQUESTS} sequential requests per page; files in ${root}`);
  let api: ChildProcess | undefined;
  try {
    const main = privateCopyOfTheApi(root);
    const started = Date.now();
    const events = await buildRegisterStore(join(root, 'events.db'), ITEMS, INSPECTIONS);
    console.log(`  store built: ${events.toLocaleString('en-GB')} events in ${seconds(started)} s`);

    const secret = randomBytes(32).toString('hex');
    const jwtSecret = randomBytes(32).toString('hex');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const caughtUp = Date.now();
    api = await startApi(main, {
      DATA_DIR: root,
      PORT: String(port),
      SESSION_SECRET: secret,
      JWT_SECRET: jwtSecret,
      LOG_LEVEL: 'warn',
    });
    // Signed in as a person is, so that each session is one the store started (a session cookie alone is not enough).
    const liaison = await signedIn(url, { userId: 'flo-fletcher', role: 'liaison' }, jwtSecret);
    const dcc = await signedIn(url, { userId: 'dcc-green', role: 'dcc' }, jwtSecret);
    const owner = await signedIn(url, { userId: 'owner-7', role: 'owner' }, jwtSecret);
    const hmicfrs = await signedIn(url, { userId: 'hmi-cooper', role: 'hmicfrs' }, jwtSecret);
    const auditor = await signedIn(url, { userId: 'audit-khan', role: 'auditor' }, jwtSecret);
    const liaisonApi = { authorization: `Bearer ${issueToken({ userId: 'flo-fletcher', role: 'liaison' }, jwtSecret)}` };
    await waitForRegister(url, liaison);
    await waitForSearch(url, liaison);
    console.log(`  read models caught up in ${seconds(caughtUp)} s (API start included)\n`);

    const lastPage = Math.ceil(ITEMS / 50);
    const results: Measured[] = [
      await measure('register, page 1 (by reference)', url, liaison, () => '/app/register'),
      await measure('register, a random page', url, liaison, () => `/app/register?page=${1 + Math.floor(Math.random() * lastPage)}`),
      await measure('register, last page, by due date desc', url, liaison, () => `/app/register?sort=dueDate&order=desc&page=${lastPage}`),
      await measure(
        'register, filtered (level 3, amber, sorted)',
        url,
        liaison,
        () => '/app/register?level=3&rag=amber&sort=lastEventAt&order=desc',
      ),
      await measure('register, overdue', url, liaison, () => '/app/register?overdue=yes'),
      await measure(
        'register, one inspection report',
        url,
        liaison,
        () => `/app/register?report=insp-${Math.floor(Math.random() * INSPECTIONS)}`,
      ),
      await measure('search "vetting" (~30% of items), best first', url, liaison, () => '/app/register?q=vetting'),
      await measure('search "force" (~60% of items), best first', url, liaison, () => '/app/register?q=force'),
      await measure('search a reference (random item)', url, liaison, () => `/app/register?q=I${Math.floor(Math.random() * ITEMS)}`),
      await measure('search two words, level 3, by due date', url, liaison, () => '/app/register?q=mental%20health&level=3&sort=dueDate'),
      await measure('search "vetting" via the API (q=)', url, liaisonApi, () => '/recommendations?q=vetting'),
      await measure('home, owner (~1,000 items)', url, owner, () => '/app/home'),
      await measure('home, DCC', url, dcc, () => '/app/home'),
      await measure('home, HMICFRS', url, hmicfrs, () => '/app/home'),
      await measure('home, liaison', url, liaison, () => '/app/home'),
      await measure('home, auditor', url, auditor, () => '/app/home'),
      await measure('item page (random item)', url, liaison, () => `/app/items/I${Math.floor(Math.random() * ITEMS)}`),
      await measure('item page, as at a past date', url, liaison, () => `/app/items/I${Math.floor(Math.random() * ITEMS)}?asAt=2024-01-01`),
      await measure('approvals queue (DCC)', url, dcc, () => '/app/approvals'),
      await measure('inspection reports (read from the store)', url, liaison, () => '/app/inspection-reports'),
    ];

    const width = Math.max(...results.map((r) => r.page.length));
    const baseline = results[0];
    console.log(`${'page'.padEnd(width)}   median      p95   p95 / baseline (${baseline.page}, p95 ${baseline.p95.toFixed(1)} ms)`);
    for (const r of results) {
      const flag = r.p95 < TARGET_MS ? '' : `   over ${TARGET_MS} ms`;
      const ratio = `${(r.p95 / baseline.p95).toFixed(2)}×`;
      console.log(
        `${r.page.padEnd(width)}  ${r.median.toFixed(1).padStart(6)} ms  ${r.p95.toFixed(1).padStart(6)} ms  ${ratio.padStart(7)}${flag}`,
      );
    }
    const worst = Math.max(...results.map((r) => r.p95));
    console.log(
      `\ntarget: every page under ${TARGET_MS} ms at ${ITEMS.toLocaleString('en-GB')} items — worst p95 ${worst.toFixed(1)} ms: ${worst < TARGET_MS ? 'met' : 'NOT met'}`,
    );
  } finally {
    if (api) await stopApi(api);
    rmSync(root, { recursive: true, force: true });
  }
}

/** A session from the sign-in page's token form (local runs without a provider): its cookies, as a browser sends them. */
async function signedIn(url: string, actor: Actor, jwtSecret: string): Promise<{ cookie: string }> {
  const pairs = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
  for (;;) {
    const form = await fetch(`${url}/app/sign-in`).catch(() => undefined);
    if (form === undefined || !form.ok) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const body = new URLSearchParams({ _csrf: csrf, token: issueToken(actor, jwtSecret, 3600), next: '/app/home' });
    const response = await fetch(`${url}/app/sign-in/token`, {
      method: 'POST',
      headers: { cookie: pairs(form).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
      body,
      redirect: 'manual',
    });
    if (response.status !== 303) throw new Error(`Signing in as ${actor.userId} answered ${response.status}`);
    return { cookie: [...pairs(form), ...pairs(response)].join('; ') };
  }
}

async function waitForRegister(url: string, headers: Record<string, string>): Promise<void> {
  const expected = `of ${ITEMS.toLocaleString('en-GB')} items`;
  for (;;) {
    const page = await fetch(`${url}/app/register`, { headers });
    const html = await page.text();
    if (!page.ok) throw new Error(`/app/register answered ${page.status}`);
    if (html.replace(/,/g, '').includes(expected.replace(/,/g, ''))) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Until the search index holds every item (it is fed beside the register, a little behind it). */
async function waitForSearch(url: string, headers: Record<string, string>): Promise<void> {
  const last = `I${ITEMS - 1}`;
  for (;;) {
    const page = await fetch(`${url}/app/register?q=${last}`, { headers });
    if (!page.ok) throw new Error(`/app/register?q= answered ${page.status}`);
    if ((await page.text()).includes(`>${last}</mark>`)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function measure(name: string, url: string, headers: Record<string, string>, path: () => string): Promise<Measured> {
  // A few requests first, so the first compilations of templates and queries are not counted.
  for (let i = 0; i < 10; i += 1) await get(url, path(), headers);
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i += 1) {
    const started = process.hrtime.bigint();
    await get(url, path(), headers);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return { page: name, median: median(times), p95: percentile(times, 0.95) };
}

async function get(url: string, path: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(`${url}${path}`, { headers, redirect: 'manual' });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${body.slice(0, 300)}`);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/**
 * The built API copied beside the data: building the store takes minutes, and a build started meanwhile
 * in the same checkout (another benchmark, `npm start`) empties dist/ under the API's feet.
 */
function privateCopyOfTheApi(root: string): string {
  const app = join(root, 'app');
  cpSync(join(__dirname, '..'), join(app, 'dist'), { recursive: true });
  symlinkSync(join(__dirname, '..', '..', 'node_modules'), join(app, 'node_modules'), 'dir');
  return join(app, 'dist', 'apps', 'api', 'src', 'main.js');
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
