import { createHash } from 'node:crypto';
import request from 'supertest';
import { csrfOf, signedIn, startPages, type RunningPages } from './support/running-pages';

/** A name as someone might type it, and as a page must never run it. */
const HOSTILE = `Supt <script>alert("x")</script> O'Brien & Co`;
const ESCAPED = 'Supt &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Brien &amp; Co';
const HEADER = 'id,name,email,roles,portfolio';
/** As a spreadsheet saves it: quoted, its quotes doubled. */
const QUOTED = `"${HOSTILE.replaceAll('"', '""')}"`;

/** The people page's CSV upload: the same PeopleImporter as POST /people/import, over the real HTTP server. */
describe('adding people from a CSV file on the people page', () => {
  let pages: RunningPages;
  let flo: request.Agent;
  const position = async () => (await request(pages.url).get('/health')).body.store.position as unknown;
  const csv = (...rows: string[]) => Buffer.from([HEADER, ...rows].join('\r\n'));

  async function upload(agent: request.Agent, mode: string, bytes: Buffer, name = 'people.csv') {
    const page = await agent.get('/app/people').expect(200);
    return agent.post('/app/people/import').field('_csrf', csrfOf(page.text)).field('mode', mode).attach('people-file', bytes, name);
  }

  /** The form after `page`, sent with the file kept under `held` instead of a file chosen. */
  async function withHeld(agent: request.Agent, page: string, mode: string, held: string) {
    return agent.post('/app/people/import').field('_csrf', csrfOf(page)).field('mode', mode).field('held', held);
  }

  const heldOf = (page: string) => /name="held" value="([0-9a-f]{64})"/.exec(page)?.[1];

  /** The page answered `status`, with its body, or the test fails naming what came instead. */
  async function answered(response: Promise<request.Response>, status: number): Promise<request.Response> {
    const got = await response;
    if (got.status !== status) throw new Error(`expected ${status}, got ${got.status}: ${got.text.slice(0, 500)}`);
    return got;
  }

  beforeAll(async () => {
    pages = await startPages();
    flo = await signedIn(pages.url, 'flo-fletcher');
  });
  afterAll(() => pages.close());

  it('offers the liaison officer the form and a template with the columns; an owner neither', async () => {
    const page = (await flo.get('/app/people').expect(200)).text;
    expect(page).toContain('action="/app/people/import"');
    expect(page).toContain('enctype="multipart/form-data"');
    expect(page).toContain('class="govuk-file-upload');
    const template = await flo.get('/app/people/template.csv').expect(200);
    expect(template.headers['content-type']).toContain('text/csv');
    expect(template.text).toBe(`${HEADER}\r\n`);

    const owner = await signedIn(pages.url, 'supt-patel');
    expect((await owner.get('/app/people').expect(200)).text).not.toContain('action="/app/people/import"');
    await owner.get('/app/people/template.csv').expect(403);
    const before = await position();
    await answered(upload(owner, 'import', csv('someone,Someone,,owner,')), 403);
    expect(await position()).toBe(before);
  });

  it('checks a file and writes nothing, then adds everyone, in green; the same file again adds nobody', async () => {
    const file = csv('Asha.Patel@Force.Police.UK,Supt Asha Patel,,owner,Public protection', 'ben.okafor,Ch Insp Ben Okafor,,owner;dcc,');
    const before = await position();
    const checked = await answered(upload(flo, 'check', file), 200);
    expect(checked.text).toContain('govuk-notification-banner--success');
    expect(checked.text).toContain('people.csv is ready to import: 2 people would be added');
    expect(checked.text).not.toContain('govuk-error-summary');
    expect(await position()).toBe(before);

    const imported = await answered(upload(flo, 'import', file), 200);
    expect(imported.text).toContain('2 people added from people.csv');
    const after = await position();
    const again = await answered(upload(flo, 'import', file), 200);
    expect(again.text).toContain('0 people added from people.csv, 2 already in the directory');
    expect(await position()).toBe(after);
  });

  it('keeps the file after a check: the import takes it by its hash, without choosing it again, in green', async () => {
    const file = csv('cara.jones,Insp Cara Jones,,owner,Neighbourhoods', 'dev.shah,DCI Dev Shah,,owner,');
    const before = await position();
    const checked = await answered(upload(flo, 'check', file, 'kept-people.csv'), 200);
    const held = heldOf(checked.text);
    expect(held).toBe(createHash('sha256').update(file).digest('hex'));
    expect(checked.text).toContain('The file <strong>kept-people.csv</strong> is kept for 60 minutes');
    expect(checked.text).toContain('Another CSV file of people (optional)');
    expect(checked.text).toMatch(/value="import" checked/);
    expect(await position()).toBe(before);

    const imported = await answered(withHeld(flo, checked.text, 'import', held!), 200);
    expect(imported.text).toContain('govuk-notification-banner--success');
    expect(imported.text).toContain('2 people added from kept-people.csv');
    expect(imported.text).not.toContain('govuk-error-summary');
    expect(heldOf(imported.text)).toBeUndefined();
    expect(await position()).not.toBe(before);
  });

  it('a file that fails its check is red, with no green banner, and is not kept', async () => {
    const refused = await answered(upload(flo, 'check', csv('not an id,X,,owner,')), 422);
    expect(refused.text).toContain('govuk-error-summary');
    expect(refused.text).toContain('The file has problems');
    expect(refused.text).not.toContain('govuk-notification-banner--success');
    expect(heldOf(refused.text)).toBeUndefined();
  });

  it('a hash nobody kept, or not a hash at all, asks for the file again on its field, and adds nobody', async () => {
    const before = await position();
    const page = (await flo.get('/app/people').expect(200)).text;
    for (const held of ['b'.repeat(64), '../../events.db']) {
      const refused = await answered(withHeld(flo, page, 'import', held), 422);
      expect(refused.text).toContain('href="#people-file"');
      expect(refused.text).toContain('The file sent earlier is no longer kept (files are kept for 60 minutes): choose it again');
    }
    expect(await position()).toBe(before);
  });

  it("shows a file's name as text wherever it names it: the green banner and the kept file", async () => {
    const name = '<img src=x onerror=alert(1)>&people.csv';
    const checked = await answered(upload(flo, 'check', csv('erin.cole,Erin Cole,,owner,'), name), 200);
    expect(checked.text).toContain('&lt;img src=x onerror=alert(1)&gt;&amp;people.csv is ready to import');
    expect(checked.text).toContain('The file <strong>&lt;img src=x onerror=alert(1)&gt;&amp;people.csv</strong> is kept');
    expect(checked.text).not.toContain('<img src=x');
    const imported = await answered(withHeld(flo, checked.text, 'import', heldOf(checked.text)!), 200);
    expect(imported.text).toContain('1 person added from &lt;img src=x onerror=alert(1)&gt;&amp;people.csv');
    expect(imported.text).not.toContain('<img src=x');
  });

  it('lists the problems by row and column in the red error summary, escaping a hostile name, and adds nobody', async () => {
    const before = await position();
    const refused = await answered(
      upload(flo, 'import', csv(`obrien,${QUOTED},,owner,`, `obrien,Someone else,,owner,`, 'not an id,X,,owner,')),
      422,
    );
    expect(refused.text).toContain('govuk-error-summary');
    expect(refused.text).toContain('href="#people-problems"');
    expect(refused.text).toContain('Nobody was added: the file has 2 problems');
    const problems = refused.text.slice(refused.text.indexOf('id="people-problems"'));
    expect(problems).toContain(`${ESCAPED} (obrien) is already on row 2 of this file, with other details`);
    expect(problems).toMatch(/<td class="govuk-table__cell">4<\/td>\s*<td class="govuk-table__cell">id<\/td>/);
    expect(refused.text).not.toContain('<script>alert');
    expect(await position()).toBe(before);
  });

  it('a hostile name imported is shown as text in the people list', async () => {
    await answered(upload(flo, 'import', csv(`obrien,${QUOTED},,owner,`)), 200);
    let list = '';
    for (let attempt = 0; attempt < 100 && !list.includes('obrien'); attempt += 1) {
      list = (await flo.get('/app/people').expect(200)).text;
      if (!list.includes('obrien')) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(list).toContain(ESCAPED);
    expect(list).not.toContain('<script>alert');
  });

  it('no file, or no choice, is named on its field', async () => {
    const page = await flo.get('/app/people').expect(200);
    const refused = await flo.post('/app/people/import').field('_csrf', csrfOf(page.text)).field('mode', 'import').expect(422);
    expect(refused.text).toContain('href="#people-file"');
    expect(refused.text).toContain('No file was chosen');
    const pdf = await answered(upload(flo, 'check', Buffer.from('%PDF-1.7 ...'), 'people.pdf'), 422);
    expect(pdf.text).toContain('href="#people-file"');
    expect(pdf.text).toContain('This is not a file of people we can read: it is a PDF');
  });

  it('posted without its CSRF token, or with another session’s, is refused and nobody is added', async () => {
    const before = await position();
    const missing = await flo
      .post('/app/people/import')
      .field('mode', 'import')
      .attach('people-file', csv('mallory,Mallory,,owner,'), 'p.csv');
    expect(missing.status).toBe(403);
    const foreign = csrfOf((await request(pages.url).get('/app/sign-in').expect(200)).text);
    const forged = await flo
      .post('/app/people/import')
      .field('_csrf', foreign)
      .field('mode', 'import')
      .attach('people-file', csv('mallory,Mallory,,owner,'), 'p.csv');
    expect(forged.status).toBe(403);
    // The file kept by a check, sent on by its hash: refused all the same.
    const checked = await answered(upload(flo, 'check', csv('mallory,Mallory,,owner,')), 200);
    const held = heldOf(checked.text)!;
    expect((await flo.post('/app/people/import').field('mode', 'import').field('held', held)).status).toBe(403);
    expect((await flo.post('/app/people/import').field('_csrf', foreign).field('mode', 'import').field('held', held)).status).toBe(403);
    expect(await position()).toBe(before);
  });
});
