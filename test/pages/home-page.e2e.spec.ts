import type { Browser } from 'playwright-core';
import type request from 'supertest';
import { closeChecked, launchChromium, screenshot, signInAs } from './support/browser';
import { signedIn, startPages, submitForm, type RunningPages } from './support/running-pages';

const REPORT = {
  title: 'Vetting, misconduct and misogyny',
  id: 'vetting-2022',
  reportType: 'thematic',
  'publishedOn-day': '2',
  'publishedOn-month': '11',
  'publishedOn-year': '2022',
};
const item = (reference: string, level: string, owner: string, due: [string, string, string] | null) => ({
  reference,
  kind: 'recommendation',
  text: `Recommendation ${reference}`,
  level,
  addressee: 'Chief Constables',
  portfolio: 'Professional Standards',
  owner,
  'dueDate-day': due?.[0] ?? '',
  'dueDate-month': due?.[1] ?? '',
  'dueDate-year': due?.[2] ?? '',
});

/** "Needs you": each role lands on what waits for them, read from the read models. */
describe('the home page of each person', () => {
  let pages: RunningPages;
  let browser: Browser;
  const agents: Record<string, request.Agent> = {};

  /** The projector follows the store a moment later: ask again until the page shows it. */
  async function eventually(agent: request.Agent, shows: string): Promise<string> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const page = await agent.get('/app/home').expect(200);
      if (page.text.includes(shows)) return page.text;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`/app/home never showed ${shows}`);
  }

  beforeAll(async () => {
    pages = await startPages({}, { people: ['supt-patel', 'ch-insp-jones'] });
    for (const id of ['flo-fletcher', 'supt-patel', 'dcc-green', 'hmi-cooper', 'audit-khan']) agents[id] = await signedIn(pages.url, id);
    const flo = agents['flo-fletcher'];
    expect((await submitForm(flo, '/app/inspection-reports/new', REPORT)).status).toBe(303);
    for (const fields of [
      item('33', '2', 'supt-patel', ['31', '3', '2023']),
      item('34', '2', 'supt-patel', ['30', '9', '2099']),
      item('35', '3', '', null),
    ]) {
      expect((await submitForm(flo, '/app/inspection-reports/vetting-2022/items/new', fields)).status).toBe(303);
    }
    const owner = agents['supt-patel'];
    expect((await submitForm(owner, '/app/items/34/rate', { rag: 'green' })).status).toBe(303);
    const evidence = { title: 'Vetting policy', location: 'Policy library', description: 'Version 4' };
    expect((await submitForm(owner, '/app/items/34/evidence', evidence)).status).toBe(303);
    expect((await submitForm(owner, '/app/items/34/submit', {})).status).toBe(303);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await pages?.close();
  });

  it('signing in lands on "Needs you"; the DCC sees the submission waiting', async () => {
    const dcc = await eventually(agents['dcc-green'], '/app/items/34/approve');
    expect(dcc).toContain('Submissions waiting for you (1)');
    expect(dcc).toContain('submitted by Supt Asha Patel');
  });

  it("a returned submission comes back to its owner with the DCC's reason on top, escaped", async () => {
    const reason = 'No <b>letter</b> from the Chief Constable';
    const returned = await submitForm(agents['dcc-green'], '/app/items/34/return', { reason });
    // The DCC goes back to the queue, told what was done, the item gone from it.
    expect([returned.status, returned.headers.location]).toEqual([303, '/app/approvals?done=return&item=34#next-waiting']);
    const queue = await agents['dcc-green'].get(returned.headers.location).expect(200);
    expect(queue.text).toMatch(/Return to the owner: done for <a[^>]*href="\/app\/items\/34">34<\/a>/);
    expect(queue.text).not.toContain('href="/app/items/34/approve"');
    // Only a decision and an item id make the banner.
    for (const odd of ['done=rate&item=34', 'done=return&item=%3Cb%3E', 'done=constructor&item=34']) {
      expect((await agents['dcc-green'].get(`/app/approvals?${odd}`).expect(200)).text).not.toContain('data-testid="decided"');
    }
    const owner = await eventually(agents['supt-patel'], 'data-testid="returned"');
    expect(owner).toContain('No &lt;b&gt;letter&lt;/b&gt; from the Chief Constable');
    expect(owner).not.toContain('<b>letter</b>');
    expect(owner).toContain('Overdue (1)');
    expect(owner.indexOf('data-testid="returned"')).toBeLessThan(owner.indexOf('data-testid="overdue"'));
    // On the item page the reason leads, escaped, until it is submitted again.
    const itemPage = await agents['supt-patel'].get('/app/items/34').expect(200);
    expect(itemPage.text).toContain('The DCC returned this submission: No &lt;b&gt;letter&lt;/b&gt; from the Chief Constable');
    expect(itemPage.text.indexOf('data-testid="sent-back"')).toBeLessThan(itemPage.text.indexOf('data-testid="actions"'));
    const dcc = await agents['dcc-green'].get('/app/home').expect(200);
    expect(dcc.text).toContain('Nothing is waiting for approval.');
  });

  it('the liaison officer sees items without an owner or due date; HMICFRS and the auditor their own', async () => {
    const flo = await eventually(agents['flo-fletcher'], 'Without an owner or due date (1)');
    expect(flo).toContain('>35</a>');
    const hmicfrs = await agents['hmi-cooper'].get('/app/home').expect(200);
    expect(hmicfrs.text).toContain('Waiting for HMICFRS verification (0)');
    const auditor = await agents['audit-khan'].get('/app/home').expect(200);
    expect(auditor.text).toContain('data-testid="activity"');
  });

  it.each([
    ['Flo Fletcher', 'home-liaison'],
    ['Supt Asha Patel', 'home-owner'],
    ['DCC Matthew Green', 'home-dcc'],
    ['Sam Cooper', 'home-hmicfrs'],
    ['Priya Khan', 'home-auditor'],
  ])('%s lands on their home page in Chromium', async (name, shot) => {
    // Signing in at the front door lands on the home page; every state shown is checked with axe-core (closeChecked).
    const page = await signInAs(browser, pages.url, name);
    await page.waitForURL(/\/app\/home$/);
    await page.getByRole('heading', { name: 'Needs you', level: 1 }).waitFor();
    await screenshot(page, shot);
    await closeChecked(page);
  });
  it('on a 390 px phone the register scrolls inside its own container, never the page', async () => {
    const page = await signInAs(browser, pages.url, 'Flo Fletcher');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${pages.url}/app/register`);
    await page.getByTestId('register').waitFor();
    // Expressions evaluated in the page, where the DOM is (the tests are compiled without its types).
    const widths = {
      page: await page.evaluate<number>('document.documentElement.scrollWidth'),
      table: await page.evaluate<number>('document.querySelector(\'[data-testid="register"]\').scrollWidth'),
    };
    expect(widths.page).toBeLessThanOrEqual(390);
    expect(widths.table).toBeGreaterThan(390);
    await screenshot(page, 'register-390px');
    await page.context().close();
  });
});
