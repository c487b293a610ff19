import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { source as axeSource } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where the pages' screenshots go (git-ignored): look at them to check the pages look right. */
export const ARTIFACTS = join(__dirname, '..', '..', 'artifacts', 'pages');

/**
 * Headless Chromium with nothing phoning home: `CHROMIUM_PATH` if set, else the one @sparticuz/chromium
 * ships inside its npm package, so every machine runs the same browser and none needs one installed.
 * Of that package's recommended flags only the privacy ones are taken: the rest (one process, no web
 * security) suit AWS Lambda and would make the browser less like a user's.
 */
export async function launchChromium(): Promise<Browser> {
  const packaged = process.env.CHROMIUM_PATH ? undefined : await packagedChromium();
  return chromium.launch({
    executablePath: packaged?.executable ?? process.env.CHROMIUM_PATH,
    // The packaged browser links NSS, which a slim Debian lacks: the package's own copy serves.
    env: packaged
      ? { ...process.env, LD_LIBRARY_PATH: [packaged.libraries, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') }
      : undefined,
    headless: true,
    // No sandbox: the tests may run as root, where Chromium refuses to start sandboxed.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-domain-reliability',
      '--no-pings',
    ],
  });
}

/**
 * The package unpacks its brotli-compressed browser into `os.tmpdir()` as `chromium` (a few seconds),
 * and reuses whatever file of that name it finds there, even half-written by a run in parallel or left
 * by another version. So it unpacks, in a child process whose TMPDIR is a fresh directory, into a
 * directory named for its version, published by one rename: a run sees the whole browser or none.
 */
async function packagedChromium(): Promise<{ executable: string; libraries: string }> {
  const entry = require.resolve('@sparticuz/chromium');
  const { version } = JSON.parse(readFileSync(join(dirname(entry), '..', '..', 'package.json'), 'utf8')) as { version: string };
  const home = join(tmpdir(), `hmicfrs-chromium-${version}`);
  const found = { executable: join(home, 'chromium'), libraries: join(home, 'al2023', 'lib') };
  if (existsSync(found.executable)) return found;
  const staging = mkdtempSync(`${home}-unpacking-`);
  try {
    const unpack = `require(${JSON.stringify(entry)}).executablePath().catch((error) => { console.error(error); process.exit(1); })`;
    // The package unpacks its own NSS (into al2023/lib) only where it believes it runs on Amazon Linux 2023.
    const env = { ...process.env, TMPDIR: staging, AWS_LAMBDA_JS_RUNTIME: 'nodejs20.x' };
    await promisify(execFile)(process.execPath, ['-e', unpack], { env });
    renameSync(staging, home);
  } catch (error) {
    // Another run published the same version first: its copy is as good as this one.
    if (!existsSync(found.executable)) throw error;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return found;
}

let shot = 0;

/** The rules a GOV.UK service must meet: WCAG 2.2 at levels A and AA (axe-core's tags for them). */
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * The documents each page has shown (one per navigation of its main frame) and which of them axe-core
 * checked: `closeChecked` fails a walk that looked at a page state it never checked.
 */
const visits = new WeakMap<Page, { shown: string[]; checked: Set<number> }>();

function trackVisits(page: Page): void {
  const record = { shown: [] as string[], checked: new Set<number>() };
  visits.set(page, record);
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) record.shown.push(frame.url());
  });
}

/**
 * Closes the page's browser profile, first failing if any document it showed was not checked with
 * axe-core (`expectAccessible`, `screenshot`): every page state a walk visits is checked.
 */
export async function closeChecked(page: Page): Promise<void> {
  const record = visits.get(page);
  await page.context().close();
  if (record === undefined) throw new Error('closeChecked: the page was not opened by signInAs');
  const unchecked = record.shown.map((url, index) => ({ url, index })).filter(({ index }) => !record.checked.has(index));
  if (unchecked.length > 0) {
    throw new Error(
      `page states shown but never checked with axe-core:\n${unchecked.map(({ url, index }) => `#${index + 1} ${url}`).join('\n')}`,
    );
  }
}

/**
 * axe-core run inside the page as it stands (evaluated, as the pages' CSP refuses inline scripts): any WCAG 2.2 A or AA violation fails the test, named with
 * the elements concerned.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('load');
  const record = visits.get(page);
  if (record !== undefined) record.checked.add(record.shown.length - 1);
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    `window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_22_AA)} } }).then((r) => r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  )) as AxeViolation[];
  const found = violations.map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  if (found.length > 0) throw new Error(`axe-core found WCAG 2.2 AA violations on "${name}" (${page.url()}):\n${found.join('\n')}`);
}

/** A page state the walk visits: checked with axe-core (`expectAccessible`), then a full-page screenshot numbered in the order taken. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  mkdirSync(ARTIFACTS, { recursive: true });
  shot += 1;
  await page.screenshot({ path: join(ARTIFACTS, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
}

/**
 * A fresh browser profile (its own cookies) signed in as one of the demo users, through the sign-in
 * page (checked with axe-core, and screenshotted as `shotName` if given), landing where `start` leads:
 * by default the service's front door, which is the person's home page.
 */
export async function signInAs(browser: Browser, url: string, name: string, shotName?: string, start = '/app'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  trackVisits(page);
  await page.goto(`${url}${start}`);
  await page.waitForURL(/\/app\/sign-in/);
  await page.getByLabel(name).check();
  if (shotName) await screenshot(page, shotName);
  else await expectAccessible(page, 'sign-in');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((at) => !at.pathname.endsWith('/sign-in'));
  return page;
}

/**
 * The read models follow the store a moment later: reload (as a person would) until the page shows it.
 * Each state shown is checked with axe-core, the ones still waiting too.
 */
export async function reloadUntil(page: Page, locate: () => ReturnType<Page['getByText']>): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    await expectAccessible(page, `waiting for ${locate().toString()}`);
    if ((await locate().count()) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
    await page.reload();
  }
  await locate().first().waitFor({ timeout: 1_000 });
}

export async function expectText(page: Page, text: string): Promise<void> {
  await page.getByText(text).first().waitFor({ timeout: 5_000 });
}
