import { createHash } from 'node:crypto';
import request from 'supertest';
import { Workbook } from 'exceljs';
import { issueToken, tokenSecret } from '@hmicfrs/auth';
import { HEADER, csv, row } from '../import/import-fixture';
import { csrfOf, signedIn, startPages, type RunningPages } from './support/running-pages';

/** The register upload page: the same importer as POST /imports and `cli import`, from a browser form. */
describe('importing a register from the web pages', () => {
  let pages: RunningPages;
  let flo: request.Agent;

  async function upload(agent: request.Agent, mode: string | undefined, file?: { bytes: Buffer; name: string }) {
    const page = await agent.get('/app/imports').expect(200);
    const post = agent.post('/app/imports').field('_csrf', csrfOf(page.text));
    if (mode !== undefined) post.field('mode', mode);
    if (file) post.attach('register', file.bytes, file.name);
    return post;
  }

  /** The page answered `status`, with its body, or the test fails naming what came instead. */
  async function answered(response: Promise<request.Response>, status: number): Promise<request.Response> {
    const got = await response;
    if (got.status !== status) throw new Error(`expected ${status}, got ${got.status}: ${got.text.slice(0, 500)}`);
    return got;
  }

  beforeAll(async () => {
    pages = await startPages({}, { people: ['supt-patel', 'ch-insp-jones'] });
    flo = await signedIn(pages.url, 'flo-fletcher');
  });
  afterAll(() => pages.close());

  it('checks a file first and writes nothing, then imports it; the same file again changes nothing', async () => {
    const register = { bytes: csv([row({ reference: 'U-1' }), row({ reference: 'U-2', status: 'open', rag: '' })]), name: 'tracker.csv' };
    const checked = await answered(upload(flo, 'check', register), 200);
    expect(checked.text).toContain('The file is ready to import');
    expect(checked.text).toContain('2 new items would be added');
    await flo.get('/app/items/U-1').expect(404);

    const imported = await answered(upload(flo, 'all', register), 200);
    expect(imported.text).toContain('Register imported');
    expect(imported.text).toContain('2 items added');
    const item = await flo.get('/app/items/U-2').expect(200);
    expect(item.text).toContain('U-2');

    const again = await answered(upload(flo, 'all', register), 200);
    expect(again.text).toContain('0 items added, 2 already imported from this file');
  });

  it('keeps the file after a check: the import takes it by its hash, without choosing it again, and links to each item', async () => {
    const register = { bytes: csv([row({ reference: 'H-1' }), row({ reference: 'H-2', status: 'open', rag: '' })]), name: 'held.csv' };
    const checked = await answered(upload(flo, 'check', register), 200);
    expect(checked.text).toContain('govuk-panel--confirmation');
    expect(checked.text).not.toContain('govuk-error-summary');
    const held = /name="held" value="([0-9a-f]{64})"/.exec(checked.text)?.[1];
    expect(held).toBe(createHash('sha256').update(register.bytes).digest('hex'));
    expect(checked.text).toContain('The file <strong>held.csv</strong> is kept for 60 minutes');
    await flo.get('/app/items/H-1').expect(404);

    const imported = await answered(
      flo.post('/app/imports').field('_csrf', csrfOf(checked.text)).field('mode', 'all').field('held', held!),
      200,
    );
    expect(imported.text).toContain('Register imported');
    expect(imported.text).toContain('2 items added');
    expect(imported.text).toContain('<a class="govuk-link" href="/app/items/H-1">H-1</a>');
    expect(imported.text).toContain('<a class="govuk-link" href="/app/items/H-2">H-2</a>');
    await flo.get('/app/items/H-2').expect(200);
    // The events name the file as it was sent, not the hash the form carried.
    expect((await flo.get('/app/items/H-1').expect(200)).text).toContain('imported from held.csv row 2');
  });

  it('a check that finds problems is red (the error summary), not a panel; it offers the good rows of the kept file', async () => {
    const register = { bytes: csv([row({ reference: 'R-1' }), row({ reference: 'R-2', rag: 'purple' })]), name: 'mixed.csv' };
    const checked = await answered(upload(flo, 'check', register), 200);
    expect(checked.text).toContain('govuk-error-summary');
    expect(checked.text).toContain('<a href="#import-problems">The file has 1 problem. Nothing has been written.</a>');
    expect(checked.text).not.toContain('govuk-panel');
    expect(checked.text).toMatch(/value="good-rows" checked/);
    const held = /name="held" value="([0-9a-f]{64})"/.exec(checked.text)![1];
    const good = await answered(
      flo.post('/app/imports').field('_csrf', csrfOf(checked.text)).field('mode', 'good-rows').field('held', held),
      200,
    );
    expect(good.text).toContain('govuk-panel--confirmation');
    expect(good.text).toContain('1 problem in the file: those rows were left out');
    await flo.get('/app/items/R-1').expect(200);
  });

  it('a hash nobody kept, or not a hash at all, asks for the file again', async () => {
    const page = await flo.get('/app/imports').expect(200);
    for (const held of ['a'.repeat(64), '../../events.db']) {
      const refused = await answered(
        flo.post('/app/imports').field('_csrf', csrfOf(page.text)).field('mode', 'all').field('held', held),
        422,
      );
      expect(refused.text).toContain('The file sent earlier is no longer kept (files are kept for 60 minutes): choose it again');
    }
  });

  it('a file input left empty, as a browser sends it, says no file was chosen, not that the file is empty', async () => {
    const page = await flo.get('/app/imports').expect(200);
    const boundary = 'x-boundary';
    const part = (headers: string, value: string) => `--${boundary}\r\n${headers}\r\n\r\n${value}\r\n`;
    const body =
      part('Content-Disposition: form-data; name="_csrf"', csrfOf(page.text)) +
      part('Content-Disposition: form-data; name="mode"', 'check') +
      part('Content-Disposition: form-data; name="register"; filename=""\r\nContent-Type: application/octet-stream', '') +
      `--${boundary}--\r\n`;
    const refused = await answered(
      flo.post('/app/imports').set('Content-Type', `multipart/form-data; boundary=${boundary}`).send(body),
      422,
    );
    expect(refused.text).toContain('No file was chosen');
    expect(refused.text).not.toContain('the file is empty');
    const empty = await answered(upload(flo, 'check', { bytes: Buffer.alloc(0), name: 'empty.csv' }), 422);
    expect(empty.text).toContain('the file is empty');
  });

  it('offers a template, CSV and Excel, with the columns the import reads; filled in, it imports', async () => {
    const page = await flo.get('/app/imports').expect(200);
    expect(page.text).toContain('href="/app/imports/template.csv"');
    expect(page.text).toContain('href="/app/imports/template.xlsx"');
    const template = await flo.get('/app/imports/template.csv').expect(200);
    expect(template.headers['content-disposition']).toBe('attachment; filename="register-template.csv"');
    expect(template.text.trim().split(',')).toEqual(HEADER);
    const filled = Buffer.concat([
      Buffer.from(template.text),
      csv([row({ reference: 'TPL-1', due_date: '05/03/2023' })]).subarray(HEADER.join(',').length + 1),
    ]);
    const checked = await answered(upload(flo, 'check', { bytes: filled, name: 'filled.csv' }), 200);
    expect(checked.text).toContain('The file is ready to import');

    const xlsx = await flo
      .get('/app/imports/template.xlsx')
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new Workbook();
    await workbook.xlsx.load(xlsx.body as Parameters<typeof workbook.xlsx.load>[0]);
    const header = (workbook.worksheets[0].getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(HEADER);
  });

  it("the timeline says an imported approval is the tracker's, and who imported it", async () => {
    const register = { bytes: csv([row({ reference: 'T-1', status: 'self_certified' })]), name: 'tracker.csv' };
    await answered(upload(flo, 'all', register), 200);
    const item = await flo.get('/app/items/T-1').expect(200);
    expect(item.text).toContain('DCC approval at level 2, from tracker.csv row 2, imported by Flo Fletcher');
    expect(item.text).toContain('imported from tracker.csv row 2, as');
  });

  it('a bad row stops the whole file unless the good rows are asked for, and says which cell is wrong', async () => {
    const register = { bytes: csv([row({ reference: 'V-1' }), row({ reference: 'V-2', level: '7' })]), name: 'tracker.csv' };
    const refused = await answered(upload(flo, 'all', register), 422);
    expect(refused.text).toContain('govuk-error-summary');
    expect(refused.text).toContain('Nothing was imported: 1 row has a problem below');
    expect(refused.text).toMatch(/<td class="govuk-table__cell">3<\/td>\s*<td class="govuk-table__cell">level<\/td>/);
    await flo.get('/app/items/V-1').expect(404);

    const good = await answered(upload(flo, 'good-rows', register), 200);
    expect(good.text).toContain('1 item added');
    expect(good.text).toContain('these rows were left out');
    await flo.get('/app/items/V-1').expect(200);
    await flo.get('/app/items/V-2').expect(404);
  });

  it('lists the first 1,000 problems and says how many more', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => row({ reference: `M-${i}`, rag: 'purple' }));
    const refused = await answered(upload(flo, 'all', { bytes: csv(rows), name: 'tracker.csv' }), 422);
    expect(refused.text).toContain('Nothing was imported: 1200 problems in the rows below');
    expect(refused.text.match(/unknown RAG rating/g)).toHaveLength(1000);
    expect(refused.text).toContain('and 200 more: the first 1000 of 1200 problems are listed.');
  });

  it('no file, no choice, or a file that is not a register: the error summary, and nothing written', async () => {
    const inherited = await answered(upload(flo, 'constructor', { bytes: csv([row({ reference: 'X-1' })]), name: 'tracker.csv' }), 422);
    expect(inherited.text).toContain('<a href="#mode">Choose what to do with the file</a>');
    await flo.get('/app/items/X-1').expect(404);
    const nothing = await answered(upload(flo, undefined), 422);
    expect(nothing.text).toContain('<a href="#register">No file was chosen: choose the register file');
    expect(nothing.text).toContain('<a href="#mode">Choose what to do with the file</a>');
    const picture = await answered(
      upload(flo, 'all', { bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]), name: 'photo.png' }),
      422,
    );
    expect(picture.text).toContain('This is not a register we can read');
  });

  it('a file over 20 MB is refused before it is read, and a multipart body elsewhere is a 4xx, never a 500', async () => {
    const huge = await upload(flo, 'all', { bytes: Buffer.alloc(21 * 1024 * 1024, 'a'), name: 'huge.csv' });
    expect(huge.status).toBe(413);
    expect(huge.text).toContain('20 MB');
    const bearer = `Bearer ${issueToken(
      { userId: 'flo-fletcher', role: 'liaison' },
      tokenSecret(undefined, pages.dataDir, () => undefined),
    )}`;
    const json = await request(pages.url)
      .post('/imports')
      .set('Authorization', bearer)
      .attach('register', csv([row()]), 'tracker.csv');
    expect(json.status).toBe(415);
    const command = await request(pages.url)
      .post('/inspections')
      .set('Authorization', bearer)
      .field('id', 'x')
      .attach('file', Buffer.from('x'), 'x.txt');
    expect(command.status).toBeGreaterThanOrEqual(400);
    expect(command.status).toBeLessThan(500);
  });

  it('only the liaison officer may import; the form needs its CSRF token', async () => {
    const owner = await signedIn(pages.url, 'supt-patel');
    await owner.get('/app/imports').expect(403);
    const withoutToken = await flo
      .post('/app/imports')
      .field('mode', 'all')
      .attach('register', csv([row({ reference: 'W-9' })]), 'tracker.csv');
    expect(withoutToken.status).toBe(403);
    await flo.get('/app/items/W-9').expect(404);
    const register = await flo.get('/app/register').expect(200);
    expect(register.text).toContain('href="/app/imports"');
    expect((await owner.get('/app/register').expect(200)).text).not.toContain('href="/app/imports"');
  });
});
