import type { Browser } from 'playwright-core';
import { launchChromium, signInAs } from './support/browser';
import { signedIn, startPages, submitForm, type RunningPages } from './support/running-pages';

jest.setTimeout(180_000);

/**
 * What a hostile colleague might type: markup that would run, or add an element, if any page put it in
 * the document unescaped, in an attribute as well as in text.
 */
const HOSTILE = `<script>window.__xss=1</script>"'&<img src=x data-xss onerror="window.__xss=2"><b data-xss>bold</b>`;

/** Each field a person types, with what it carries: the hostile text and a word to tell the fields apart. */
const typed = (field: string) => `${field} ${HOSTILE}`;

/**
 * Every field a person types — an inspection report's title, an item's text, addressee and portfolio, a
 * person's name and portfolio, a progress note, evidence's title, location and description, a return's
 * reason, an approval's and a verification's comment and a verifying inspection's name, a not-applicable's
 * addressee and reason, a search — typed through the pages' own forms,
 * then every page that shows them opened in Chromium: the text is there, literally, and nothing it
 * carries became an element of the page.
 */
describe('every field a person types comes out escaped on every page that shows it', () => {
  let pages: RunningPages;
  let browser: Browser;

  beforeAll(async () => {
    pages = await startPages({ SEALER: 'false', REMINDERS_DAILY_AT: 'off' }, { people: ['supt-patel'] });
    browser = await launchChromium();
    const expectRedirect = (response: { status: number; text: string }) => expect([response.status, response.text]).toEqual([303, '']);
    const flo = await signedIn(pages.url, 'flo-fletcher');
    await submitForm(flo, '/app/people/new', {
      id: 'hostile-owner',
      name: typed('person name'),
      roles: 'owner',
      portfolio: typed('person portfolio'),
    }).then(expectRedirect);
    await submitForm(flo, '/app/inspection-reports/new', {
      title: typed('report title'),
      id: 'peel-x',
      reportType: 'peel',
      'publishedOn-day': '29',
      'publishedOn-month': '9',
      'publishedOn-year': '2023',
    }).then(expectRedirect);
    const item = { kind: 'recommendation', level: '3', addressee: typed('addressee'), portfolio: typed('portfolio') };
    await submitForm(flo, '/app/inspection-reports/peel-x/items/new', {
      ...item,
      reference: 'P-1',
      text: typed('item text'),
      owner: 'supt-patel',
    }).then(expectRedirect);
    // The paper issued now: the items recorded after it change figures named by the report's title.
    await submitForm(flo, '/app/committee-report', {}).then((response) => expect(response.status).toBe(303));
    await submitForm(flo, '/app/inspection-reports/peel-x/items/new', {
      ...item,
      reference: 'P-2',
      text: 'x',
      owner: 'hostile-owner',
    }).then(expectRedirect);
    await submitForm(flo, '/app/inspection-reports/peel-x/items/new', { ...item, reference: 'P-3', text: 'x', owner: 'supt-patel' }).then(
      expectRedirect,
    );

    const owner = await signedIn(pages.url, 'supt-patel');
    await submitForm(owner, '/app/items/P-1/rate', { rag: 'red' }).then(expectRedirect);
    await submitForm(owner, '/app/items/P-1/note', { text: typed('note') }).then(expectRedirect);
    await submitForm(owner, '/app/items/P-1/evidence', {
      title: typed('evidence title'),
      location: typed('evidence location'),
      description: typed('evidence description'),
      isChiefConstableLetter: 'yes',
    }).then(expectRedirect);
    await submitForm(owner, '/app/items/P-1/submit', {}).then(expectRedirect);
    const dcc = await signedIn(pages.url, 'dcc-green');
    await submitForm(dcc, '/app/items/P-1/return', { reason: typed('return reason') }).then(expectRedirect);
    await submitForm(owner, '/app/items/P-1/submit', {}).then(expectRedirect);
    // P-4 is approved and verified with typed comments and a typed inspection's name.
    await submitForm(flo, '/app/inspection-reports/peel-x/items/new', { ...item, reference: 'P-4', text: 'x', owner: 'supt-patel' }).then(
      expectRedirect,
    );
    await submitForm(owner, '/app/items/P-4/rate', { rag: 'amber' }).then(expectRedirect);
    await submitForm(owner, '/app/items/P-4/evidence', { title: 'x', location: 'x', description: 'x', isChiefConstableLetter: 'yes' }).then(
      expectRedirect,
    );
    await submitForm(owner, '/app/items/P-4/submit', {}).then(expectRedirect);
    await submitForm(dcc, '/app/items/P-4/approve', { comment: typed('approval comment'), confirmRating: 'yes' }).then(expectRedirect);
    const hmi = await signedIn(pages.url, 'hmi-cooper');
    await submitForm(hmi, '/app/items/P-4/verify', {
      inspectionActivityId: 'another',
      inspectionName: typed('inspection name'),
      comment: typed('verification comment'),
    }).then(expectRedirect);
    await submitForm(flo, '/app/items/P-3/not-applicable', {
      addressedTo: typed('addressed to'),
      reason: typed('not applicable reason'),
    }).then(expectRedirect);
  });
  afterAll(async () => {
    await browser?.close();
    await pages?.close();
  });

  // Who opens each page, and which typed fields it shows.
  const PAGES: [string, string, string[]][] = [
    ['Flo Fletcher', '/app/register', ['report title', 'person name', 'addressee']],
    // A search for the hostile text itself: the words matched are marked, the rest escaped; the search echoed back.
    ['Flo Fletcher', `/app/register?q=${encodeURIComponent(typed('item text'))}`, ['item text']],
    ['Flo Fletcher', `/app/register?q=${encodeURIComponent('note xss')}`, []],
    ['Flo Fletcher', '/app/inspection-reports', ['report title']],
    ['Flo Fletcher', '/app/inspection-reports/peel-x', ['report title']],
    ['Flo Fletcher', '/app/people', ['person name', 'person portfolio']],
    ['Flo Fletcher', '/app/items/P-1', ['report title', 'item text', 'addressee', 'portfolio', 'note', 'evidence title', 'return reason']],
    ['Flo Fletcher', '/app/items/P-2', ['person name']],
    ['Flo Fletcher', '/app/items/P-3', ['addressed to', 'not applicable reason']],
    ['Flo Fletcher', '/app/items/P-4', ['approval comment', 'inspection name', 'verification comment']],
    ['Flo Fletcher', '/app/items/P-2/assign', ['person name']],
    ['DCC Matthew Green', '/app/approvals', ['item text', 'evidence title']],
    ['DCC Matthew Green', '/app/items/P-1/approve', ['item text', 'evidence title', 'evidence location', 'evidence description']],
    ['Flo Fletcher', '/app/committee-report', ['report title']],
    ['Flo Fletcher', `/app/committee-report/papers/jac-${new Date().toISOString().slice(0, 10)}`, ['report title']],
  ];

  it.each(PAGES)('as %s, %s shows the typed text literally and adds no element of it', async (person, path, fields) => {
    const page = await signInAs(browser, pages.url, person);
    await page.waitForURL(/\/app\/home/);
    const response = await page.goto(`${pages.url}${path}`);
    expect([path, response?.status()]).toEqual([path, 200]);
    const found = {
      text: await page.locator('body').innerText(),
      injected: await page.locator('[data-xss], img[src="x"], [onerror]').count(),
      scripts: (await page.locator('script').allTextContents()).filter((script) => script.includes('__xss')).length,
      ran: await page.evaluate('window.__xss ?? null'),
    };
    expect({ path, injected: found.injected, scripts: found.scripts, ran: found.ran }).toEqual({
      path,
      injected: 0,
      scripts: 0,
      ran: null,
    });
    const missing = fields.filter((field) => !found.text.replace(/\s+/g, ' ').includes(typed(field)));
    expect({ path, missing }).toEqual({ path, missing: [] });
    await page.context().close();
  });

  it("the import page shows a file's name and cells literally: the name, the problems' cells, the items imported", async () => {
    // A file name holds no "/", and the browser sends a '"' in it as %22: markup without either.
    const name = `tracker '&<img src=x data-xss onerror=window.__xss=3><b data-xss>.csv`;
    const hostileCell = typed('date cell').replace(/,/g, ' ');
    const header = 'inspection_id,inspection_title,inspection_type,published_on,kind,reference,text,level,addressee,portfolio,status';
    const good = `peel-x,x,peel,29/09/2023,recommendation,IMP-1,"${typed('imported text').replace(/"/g, '""')}",3,x,x,open`;
    const bad = `peel-x,x,peel,"${hostileCell.replace(/"/g, '""')}",recommendation,IMP-2,x,3,x,x,open`;
    const page = await signInAs(browser, pages.url, 'Flo Fletcher');
    await page.goto(`${pages.url}/app/imports`);
    await page.getByLabel('Import the good rows').check();
    await page
      .getByLabel('Register file')
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from([header, good, bad].join('\n')) });
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Register imported').waitFor();
    const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
    expect({
      injected: await page.locator('[data-xss], img[src="x"], [onerror]').count(),
      ran: await page.evaluate('window.__xss ?? null'),
      name: text.includes(name),
      cell: text.includes(`${JSON.stringify(hostileCell)} is not a date`),
      link: await page.getByTestId('imported-items').getByRole('link', { name: 'IMP-1' }).count(),
    }).toEqual({ injected: 0, ran: null, name: true, cell: true, link: 1 });
    await page.context().close();
  });
});
