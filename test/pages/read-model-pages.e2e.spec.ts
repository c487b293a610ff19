import request from 'supertest';
import { issueToken, tokenSecret } from '@hmicfrs/auth';
import { bytesOf, readDocx } from '../projections/support/docx-tables';
import { signedIn, startPages, submitForm, type RunningPages } from './support/running-pages';

const REPORT = {
  title: 'Vetting, misconduct and misogyny',
  id: 'vetting-2022',
  reportType: 'thematic',
  'publishedOn-day': '2',
  'publishedOn-month': '11',
  'publishedOn-year': '2022',
};
const item = (reference: string, level: string, due: [string, string, string]) => ({
  reference,
  kind: 'recommendation',
  text: `Recommendation ${reference}`,
  level,
  // The December 2022 paper counts items for police forces apart from those for the IOPC or NPCC.
  addressee: reference === '35' ? 'IOPC' : 'Chief Constables',
  portfolio: 'Professional Standards',
  owner: 'supt-patel',
  'dueDate-day': due[0],
  'dueDate-month': due[1],
  'dueDate-year': due[2],
});

/** The register, approvals and committee report pages, over the read models the projector keeps. */
describe('the pages that read the read models', () => {
  let pages: RunningPages;
  let flo: request.Agent;

  /** The projector follows the store a moment later: ask again until the page shows it. */
  async function eventually(path: string, agent: request.Agent, shows: string): Promise<string> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const page = await agent.get(path).expect(200);
      if (page.text.includes(shows)) return page.text;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${path} never showed ${shows}`);
  }

  beforeAll(async () => {
    pages = await startPages({}, { people: ['supt-patel', 'ch-insp-jones'] });
    flo = await signedIn(pages.url, 'flo-fletcher');
    expect((await submitForm(flo, '/app/inspection-reports/new', REPORT)).status).toBe(303);
    for (const [reference, level, due] of [
      ['33', '3', ['31', '3', '2023']],
      ['34', '2', ['30', '9', '2099']],
      ['35', '3', ['31', '12', '2099']],
    ] as const) {
      expect(
        (
          await submitForm(
            flo,
            '/app/inspection-reports/vetting-2022/items/new',
            item(reference, level, due as unknown as [string, string, string]),
          )
        ).status,
      ).toBe(303);
    }
  });
  afterAll(() => pages.close());

  it('the register filters, sorts and tags', async () => {
    const all = await eventually('/app/register', flo, 'Showing 1 to 3 of 3 items');
    expect(all).toContain('govuk-tag--red">Overdue');
    const level3 = await flo.get('/app/register?level=3').expect(200);
    expect(level3.text).toContain('Showing 1 to 2 of 2 items');
    const mine = await flo.get('/app/register?owner=supt-patel').expect(200);
    expect(mine.text).toContain('<option value="supt-patel" selected>Supt Asha Patel</option>');
    expect(mine.text).toContain('Showing 1 to 3 of 3 items');
    const overdue = await flo.get('/app/register?overdue=yes').expect(200);
    expect(overdue.text).toMatch(/Showing 1 item\s*</);
    expect(overdue.text).toContain('>33</a>');
    const byDue = await flo.get('/app/register?sort=dueDate&order=desc').expect(200);
    expect(byDue.text.indexOf('>35</a>')).toBeLessThan(byDue.text.indexOf('>34</a>'));
    expect(byDue.text).toContain('aria-sort="descending"');
    const report = await flo.get('/app/inspection-reports/vetting-2022').expect(200);
    expect(report.text).toContain('data-testid="report-items"');
  });

  it('shows whom each item is addressed to, filters by it, and downloads the view on the page, as the API exports it', async () => {
    await eventually('/app/register', flo, 'Showing 1 to 3 of 3 items');
    const iopc = await flo.get('/app/register?addressee=IOPC').expect(200);
    expect(iopc.text).toContain('<option value="IOPC" selected>IOPC (1)</option>');
    expect(iopc.text).toContain('<option value="Chief Constables">Chief Constables (2)</option>');
    expect(iopc.text).toMatch(/Showing 1 item\s*</);
    expect(iopc.text).toContain('<td class="govuk-table__cell" data-testid="addressee">IOPC</td>');
    expect(iopc.text).toContain('href="/app/register/export.xlsx?addressee=IOPC"');

    const bearer = `Bearer ${issueToken(
      { userId: 'flo-fletcher', role: 'liaison' },
      tokenSecret(undefined, pages.dataDir, () => undefined),
    )}`;
    for (const filter of ['addressee=IOPC', 'addressee=Chief%20Constables&level=3', 'q=recommendation%2034']) {
      const page = await flo.get(`/app/register?${filter}&sort=level&order=desc&page=1`).expect(200);
      const href = /href="(\/app\/register\/export\.csv[^"]*)"/.exec(page.text)![1].replace(/&amp;/g, '&');
      // The page's search and filters, without its sort or page.
      const asked = (query: string) => [...new URLSearchParams(query).entries()].sort();
      expect([href.split('?')[0], asked(href.split('?')[1])]).toEqual(['/app/register/export.csv', asked(filter)]);
      const download = await flo.get(href).expect(200);
      expect(download.headers['content-disposition']).toMatch(/^attachment; filename="register-\d{4}-\d{2}-\d{2}\.csv"$/);
      const lines = download.text.trim().split(/\r?\n/);
      expect(lines[0]).toContain('"Addressed to"');
      if (filter.startsWith('q=')) {
        expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['"34"']);
        continue;
      }
      const api = await request(pages.url).get(`/recommendations/export?${filter}`).set('authorization', bearer).expect(200);
      expect(download.text).toBe(api.text);
    }
    expect((await flo.get('/app/register/export.csv?addressee=IOPC').expect(200)).text).toContain('"IOPC"');
    await flo
      .get(`/app/register/export.xlsx?addressee=IOPC`)
      .expect(200)
      .expect('content-type', /spreadsheetml/);
    await flo.get('/app/register/export.csv?kind=constructor').expect(400);
  });

  it('an item says its status once: the tag in the heading, the status in full in its details', async () => {
    const item = await flo.get('/app/items/34').expect(200);
    const details = /data-testid="item-details"[\s\S]*?<\/dl>/.exec(item.text)![0];
    expect(details).not.toContain('govuk-tag');
    expect(details).toMatch(/Status\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Open and not yet RAG rated\s*<\/dd>/);
  });

  it('one search box: "vetting" finds the vetting items, the matched words marked; the API takes it as q=', async () => {
    const found = await eventually('/app/register?q=vetting', flo, 'Showing 1 to 3 of 3 items');
    expect(found).toContain('matching “vetting”, best match first');
    expect(found).toMatch(/<input[^>]*id="q"[^>]*value="vetting"/);
    const one = await flo.get('/app/register?q=recommendation%2034').expect(200);
    expect(one.text).toMatch(/Showing 1 item matching “recommendation 34”/);
    expect(one.text).toContain('<mark class="app-match">34</mark></a>');
    expect(one.text).toContain('<mark class="app-match">Recommendation</mark> <mark class="app-match">34</mark>');
    // The search keeps the filters beside it, and the sort links keep the search.
    const filtered = await flo.get('/app/register?q=vetting&level=2').expect(200);
    expect(filtered.text).toContain('Showing 1 item matching');
    expect(filtered.text).toContain('href="/app/register?q=vetting&amp;level=2&amp;sort=reference&amp;order=asc"');
    const none = await flo.get('/app/register?q=domestic').expect(200);
    expect(none.text).toContain('No items match this search and these filters');
    const refused = await flo.get(`/app/register?q=${'x'.repeat(201)}`).expect(400);
    expect(refused.text).toContain('A search must be at most 200 characters');

    const bearer = `Bearer ${issueToken(
      { userId: 'flo-fletcher', role: 'liaison' },
      tokenSecret(undefined, pages.dataDir, () => undefined),
    )}`;
    const api = await request(pages.url).get('/recommendations?q=vetting%20misog').set('authorization', bearer).expect(200);
    expect(api.body.total).toBe(3);
    expect(api.body.items[0].match.text).toEqual([{ text: expect.stringMatching(/^Recommendation 3[345]$/), match: false }]);
    const byReference = await request(pages.url).get('/recommendations?q=vetting&sort=-reference').set('authorization', bearer).expect(200);
    expect(byReference.body.items.map((entry: { reference: string }) => entry.reference)).toEqual(['35', '34', '33']);
    await request(pages.url)
      .get(`/recommendations?q=${'x'.repeat(201)}`)
      .set('authorization', bearer)
      .expect(400);
  });

  it('the inspection reports list keeps up with reports recorded after it was first shown', async () => {
    expect((await flo.get('/app/inspection-reports').expect(200)).text).toContain('Vetting, misconduct and misogyny');
    const another = { ...REPORT, id: 'soc-2024', title: 'Serious and organised crime', 'publishedOn-year': '2024' };
    expect((await submitForm(flo, '/app/inspection-reports/new', another)).status).toBe(303);
    const list = await flo.get('/app/inspection-reports').expect(200);
    expect(list.text.indexOf('Serious and organised crime')).toBeLessThan(list.text.indexOf('Vetting, misconduct and misogyny'));
  });

  it('a filter no form offers is a 400 page naming it', async () => {
    const refused = await flo.get('/app/register?level=9').expect(400);
    expect(refused.text).toContain('The register cannot be filtered by level');
    await flo.get('/app/register?sort=password').expect(400);
    await flo.get('/app/register?page=0').expect(400);
    // Names every object inherits are not statuses, types or RAG ratings: looked up by own keys only.
    for (const [filter, words] of [
      ['status', 'status'],
      ['kind', 'kind'],
      ['rag', 'RAG rating'],
    ]) {
      for (const inherited of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
        const page = await flo.get(`/app/register?${filter}=${inherited}`).expect(400);
        expect(page.text).toContain(`The register cannot be filtered by ${words}`);
      }
    }
  });

  it('the approvals queue shows a submission with its evidence; only the DCC gets the buttons', async () => {
    const owner = await signedIn(pages.url, 'supt-patel');
    expect((await submitForm(owner, '/app/items/34/rate', { rag: 'green' })).status).toBe(303);
    expect(
      (await submitForm(owner, '/app/items/34/evidence', { title: 'Vetting policy', location: 'Policy library', description: 'Version 4' }))
        .status,
    ).toBe(303);
    expect((await submitForm(owner, '/app/items/34/submit', {})).status).toBe(303);
    const dcc = await signedIn(pages.url, 'dcc-green');
    const queue = await eventually('/app/approvals', dcc, '>34</a>');
    expect(queue).toContain('Vetting policy');
    // Level 2 without the letter: the approval is not offered; the queue says what is missing and who can supply it.
    expect(queue).toContain('needs the Chief Constable letter as evidence');
    expect(queue).not.toContain('/app/items/34/approve');
    expect(queue).toContain('Who can supply it: Supt Asha Patel, the owner');
    expect(queue).toContain('/app/items/34/return');
    const auditorView = await (await signedIn(pages.url, 'audit-khan')).get('/app/approvals').expect(200);
    expect(auditorView.text).not.toContain('/app/items/34/approve');
    await owner.get('/app/approvals').expect(403);
  });

  it('an item as it stood at the end of a past day: its state, its timeline and due dates up to then', async () => {
    // The JSON API records facts with the dates they happened; the pages show the item as at any of them.
    const bearer = `Bearer ${issueToken(
      { userId: 'flo-fletcher', role: 'liaison' },
      tokenSecret(undefined, pages.dataDir, () => undefined),
    )}`;
    const api = (path: string, body: object) => request(pages.url).post(path).set('Authorization', bearer).send(body);
    await api('/recommendations', {
      reference: 'T-1',
      kind: 'cause_of_concern',
      inspectionId: 'vetting-2022',
      text: 'Vetting decisions',
      level: 4,
      addressee: 'Chief Constables',
      portfolio: 'Professional Standards',
      owner: 'supt-patel',
      dueDate: '2024-03-31',
      occurredAt: '2024-01-10T09:00:00Z',
    }).expect(201);
    await api('/recommendations/T-1/rate', { rag: 'red', occurredAt: '2024-02-01T09:00:00Z' }).expect(200);
    await api('/recommendations/T-1/due-date', {
      dueDate: '2024-09-30',
      reason: 'Waiting on the regional vetting unit',
      occurredAt: '2024-03-15T09:00:00Z',
    }).expect(200);
    await api('/recommendations/T-1/rate', { rag: 'green', occurredAt: '2024-06-01T09:00:00Z' }).expect(200);

    const then = await flo.get('/app/items/T-1?asAt-day=1&asAt-month=3&asAt-year=2024').expect(200);
    expect(then.text).toContain('as it stood at the end of 1 March 2024');
    expect(then.text).toContain('govuk-tag--red">Red');
    expect(then.text).not.toContain('Waiting on the regional vetting unit');
    expect(then.text).not.toContain('data-testid="actions"');
    const now = await flo.get('/app/items/T-1').expect(200);
    expect(now.text).toContain('govuk-tag--green">Green');
    expect(now.text).toMatch(/Original due date: 31 March 2024[\s\S]*Waiting on the regional vetting unit/);
    expect(now.text).toContain('Due date 31 March 2024 → 30 September 2024');
    expect(now.text).toContain('owner Supt Asha Patel; due 31 March 2024');
  });

  it("an action can be dated to the day it happened: not a day to come, nor a day before the item's last change", async () => {
    const bearer = `Bearer ${issueToken(
      { userId: 'flo-fletcher', role: 'liaison' },
      tokenSecret(undefined, pages.dataDir, () => undefined),
    )}`;
    await request(pages.url)
      .post('/recommendations')
      .set('Authorization', bearer)
      .send({
        reference: 'W-1',
        kind: 'recommendation',
        inspectionId: 'vetting-2022',
        text: 'Vetting appeals',
        level: 3,
        addressee: 'Chief Constables',
        portfolio: 'Professional Standards',
        owner: 'supt-patel',
        occurredAt: '2024-01-10T09:00:00Z',
      })
      .expect(201);
    const owner = await signedIn(pages.url, 'supt-patel');
    const form = await owner.get('/app/items/W-1/rate').expect(200);
    expect(form.text).toContain('When did this happen?');

    const tomorrow = new Date(Date.now() + 36 * 3_600_000);
    const ahead = await submitForm(owner, '/app/items/W-1/rate', {
      rag: 'amber',
      'occurredOn-day': String(tomorrow.getUTCDate()),
      'occurredOn-month': String(tomorrow.getUTCMonth() + 1),
      'occurredOn-year': String(tomorrow.getUTCFullYear()),
    });
    expect(ahead.status).toBe(422);
    expect(ahead.text).toContain('<a href="#occurredOn-day">Enter a real date that is not after today, or leave it blank</a>');
    const beforeOpening = await submitForm(owner, '/app/items/W-1/rate', {
      rag: 'amber',
      'occurredOn-day': '1',
      'occurredOn-month': '1',
      'occurredOn-year': '2024',
    });
    expect(beforeOpening.status).toBe(422);
    expect(beforeOpening.text).toContain('The item changed after that day');

    expect(
      (
        await submitForm(owner, '/app/items/W-1/rate', {
          rag: 'amber',
          'occurredOn-day': '5',
          'occurredOn-month': '3',
          'occurredOn-year': '2024',
        })
      ).status,
    ).toBe(303);
    expect((await submitForm(owner, '/app/items/W-1/note', { text: 'Reviewed today' })).status).toBe(303);
    const history = (await request(pages.url).get('/recommendations/W-1/history').set('Authorization', bearer).expect(200)).body.events;
    expect(history.map((event: { type: string; occurredAt: string }) => [event.type, event.occurredAt.slice(0, 10)])).toEqual([
      ['RecommendationOpened', '2024-01-10'],
      ['RagRated', '2024-03-05'],
      ['ProgressNoted', new Date().toISOString().slice(0, 10)],
    ]);
    expect(history[1].occurredOn).toBe('2024-03-05');
    expect(history[2].occurredOn).toBeNull();
    const timelinePage = await flo.get('/app/items/W-1').expect(200);
    expect(timelinePage.text).toMatch(/app-nowrap">5 March 2024<br>/);
    expect(timelinePage.text).not.toContain('5 March 2024, 12:00');
    const asAtThatDay = await flo.get('/app/items/W-1?asAt-day=5&asAt-month=3&asAt-year=2024').expect(200);
    expect(asAtThatDay.text).toContain('govuk-tag--orange">Amber');
  });

  it('the committee report can be drawn up as the record stood on a past day', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000);
    const now = await flo.get(`/app/committee-report?asAt=${today}&previous=2024-06-27&since=2023-08-01`).expect(200);
    expect(now.text).not.toMatch(/<p class="govuk-body">0 items on the register/);
    const then = await flo
      .get(
        `/app/committee-report?asAt=${today}&previous=2024-06-27&since=2023-08-01` +
          `&knownAt-day=${yesterday.getUTCDate()}&knownAt-month=${yesterday.getUTCMonth() + 1}&knownAt-year=${yesterday.getUTCFullYear()}`,
      )
      .expect(200);
    expect(then.text).toMatch(/<p class="govuk-body">0 items on the register/);
    expect(then.text).toMatch(
      /data-testid="why-empty">As the record stood on [^<]*, nothing had been recorded: the first event was recorded on /,
    );
    expect(then.text).toContain(
      `on record at the end of ${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(yesterday)}`,
    );
    expect(then.text).toContain(`knownAt=${yesterday.toISOString().slice(0, 10)}`);
    const typo = await flo.get(`/app/committee-report?knownAt-day=31&knownAt-month=2&knownAt-year=2024`).expect(422);
    expect(typo.text).toContain('Enter the day the record stood on as a real date');
  });

  it('the committee report names the days it was asked for, in summer time too', async () => {
    const report = await flo.get('/app/committee-report?asAt=2024-08-31&previous=2024-06-27&since=2023-08-01').expect(200);
    expect(report.text).toContain('HMICFRS update as at 31 August 2024');
    expect(report.text).toContain('Changes since the previous report of 27 June 2024');
    expect(report.text).toContain('since 1 August 2023');
    expect(report.text).not.toContain('28 June 2024');
  });

  it('the committee paper downloads as a Word document naming people, and prints without navigation, forms or link addresses', async () => {
    const query = 'asAt=2024-08-31&previous=2024-06-27&since=2023-08-01';
    const page = await flo.get(`/app/committee-report?${query}`).expect(200);
    expect(page.text).toContain(`href="/app/committee-report/report.docx?${query.replace(/&/g, '&amp;')}"`);
    expect(page.text).toMatch(/<form method="get" action="\/app\/committee-report" class="[^"]*app-no-print/);
    const css = await flo.get('/assets/pages.css').expect(200);
    expect(css.text).toMatch(
      /@media print \{[^@]*\.govuk-service-navigation,[^@]*form \{\s*display: none !important;[^@]*a\[href\]::after \{\s*content: none !important;/,
    );

    const word = await flo.get(`/app/committee-report/report.docx?${query}`).buffer(true).parse(bytesOf).expect(200);
    expect(word.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(word.headers['content-disposition']).toBe('attachment; filename="jac-hmicfrs-update-2024-08-31.docx"');
    const paper = readDocx(word.body as Buffer);
    expect(paper.paragraphs.slice(0, 3)).toEqual(['JOINT AUDIT COMMITTEE', '31 August 2024', 'HMICFRS Update']);
    expect(paper.paragraphs).toContain('Name: Flo Fletcher');
    expect(paper.xml).not.toContain('flo-fletcher');
    await flo.get('/app/committee-report/report.docx?asAt=2024-01-01&previous=2024-06-01&since=2023-08-01').expect(400);
  });

  it('the committee report refuses dates that do not fit, on the form', async () => {
    const refused = await flo.get('/app/committee-report?asAt=2024-01-01&previous=2024-06-01&since=2023-08-01').expect(422);
    expect(refused.text).toContain('govuk-error-summary');
    expect(refused.text).toContain('The previous committee date must be before this committee&#39;s date');
    expect(refused.text).toContain('href="#previous-day"');
    expect(refused.text).not.toMatch(/\d{4}-\d{2}-\d{2}\)/);
    const typo = await flo.get('/app/committee-report?asAt-day=31&asAt-month=2&asAt-year=2024').expect(422);
    expect(typo.text).toContain('Enter the date of this report as a real date');
    await flo.get('/app/committee-report/report.csv?asAt=2024-01-01&previous=2024-06-01&since=2023-08-01').expect(400);
    await (await signedIn(pages.url, 'supt-patel')).get('/app/committee-report').expect(403);
  });
});
