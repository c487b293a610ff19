import request from 'supertest';
import { issueToken, tokenSecret } from '@hmicfrs/auth';
import { csv, row } from '../import/import-fixture';
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
    expect(nothing.text).toContain('<a href="#register">Choose the register file');
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
