import { createHash } from 'node:crypto';
import request from 'supertest';
import { csrfOf, PEEL_REPORT_FORM, signedIn, startPages, submitForm, type RunningPages } from '../pages/support/running-pages';
import { pdf } from './support';

const item = (reference: string) => ({
  reference,
  kind: 'recommendation',
  text: `Recommendation ${reference}`,
  level: '3',
  addressee: 'Chief Constables',
  portfolio: 'Crime',
  owner: 'supt-patel',
});
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The item page's upload form, the documents' open links, and the approve page and queue that list them. */
describe('evidence documents on the pages', () => {
  let pages: RunningPages;
  let owner: request.Agent;
  let dcc: request.Agent;

  beforeAll(async () => {
    pages = await startPages({}, { people: ['supt-patel', 'ch-insp-jones'] });
    const flo = await signedIn(pages.url, 'flo-fletcher');
    expect((await submitForm(flo, '/app/inspection-reports/new', PEEL_REPORT_FORM)).status).toBe(303);
    for (const reference of ['P-1', 'P-2'])
      expect((await submitForm(flo, '/app/inspection-reports/peel-2023/items/new', item(reference))).status).toBe(303);
    owner = await signedIn(pages.url, 'supt-patel');
    dcc = await signedIn(pages.url, 'dcc-green');
    for (const reference of ['P-1', 'P-2'])
      expect((await submitForm(owner, `/app/items/${reference}/rate`, { rag: 'green' })).status).toBe(303);
  });
  afterAll(() => pages.close());

  /** The item page's upload form, posted as a browser would: its hidden fields, then the files. */
  async function upload(
    agent: request.Agent,
    itemId: string,
    files: [Buffer, string][],
    fields: Record<string, string> = {},
    csrf?: string,
  ) {
    const page = await agent.get(`/app/items/${itemId}`).expect(200);
    const form = page.text.slice(page.text.indexOf('data-testid="upload-form"'));
    const hidden = Object.fromEntries(
      [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].slice(0, 3).map((m) => [m[1], m[2]]),
    );
    let post = agent.post(`/app/items/${itemId}/upload`);
    for (const [name, value] of Object.entries({ ...hidden, ...(csrf === undefined ? {} : { _csrf: csrf }), ...fields }))
      post = post.field(name, value);
    for (const [bytes, name] of files) post = post.attach('file', bytes, name);
    return post;
  }

  it('uploads several documents from the item page, shows them with an open link, and the DCC opens them from the queue and the approve page', async () => {
    const plan = pdf('plan');
    const letter = pdf('letter');
    const page = await owner.get('/app/items/P-1').expect(200);
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).toMatch(/<input class="govuk-file-upload"[^>]*multiple/);
    expect((await upload(owner, 'P-1', [[plan, 'action plan.pdf']])).status).toBe(303);
    expect(
      (await upload(owner, 'P-1', [[letter, 'letter.pdf']], { title: 'Chief Constable letter', isChiefConstableLetter: 'yes' })).status,
    ).toBe(303);
    const shown = await owner.get('/app/items/P-1').expect(200);
    const link = `/app/items/P-1/evidence/doc-${sha256(letter).slice(0, 16)}/file`;
    expect(shown.text).toContain(`href="${link}"`);
    expect(shown.text).toContain(`${plan.length} bytes`);
    expect((await submitForm(owner, '/app/items/P-1/submit', {})).status).toBe(303);

    const approve = await dcc.get('/app/items/P-1/approve').expect(200);
    expect(approve.text).toContain(`href="${link}"`);
    expect(approve.text).toContain(`${letter.length} bytes`);
    let queue = '';
    for (let attempt = 0; attempt < 100 && !queue.includes(link); attempt += 1) {
      queue = (await dcc.get('/app/approvals').expect(200)).text;
      if (!queue.includes(link)) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(queue).toContain(`href="${link}"`);
    const opened = await dcc.get(link).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(opened.body as Buffer, letter)).toBe(0);
    expect(opened.headers['content-disposition']).toMatch(/^attachment;/);
    expect(opened.headers['x-content-type-options']).toBe('nosniff');
    expect(opened.headers['content-security-policy']).toContain('sandbox');
    expect((await submitForm(dcc, '/app/items/P-1/approve', {})).status).toBe(303);
  });

  it("refuses an upload without the form's CSRF token, and keeps nothing", async () => {
    const refused = await upload(owner, 'P-2', [[pdf('csrf'), 'a.pdf']], {}, 'not-the-token');
    expect(refused.status).toBe(403);
    const page = await owner.get('/app/items/P-2').expect(200);
    expect(page.text).toContain('No evidence attached.');
  });

  it('shows a refused file as a field error, naming the problem', async () => {
    const empty = await upload(owner, 'P-2', [[Buffer.alloc(0), 'empty.pdf']]);
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('govuk-error-summary');
    expect(empty.text).toContain('empty.pdf: the file is empty (0 bytes). Nothing was uploaded.');
    const html = await upload(owner, 'P-2', [[Buffer.from('<html><script>alert(1)</script></html>'), 'x.pdf']]);
    expect(html.status).toBe(415);
    expect(html.text).toContain('which is not a type allowed for evidence');
  });

  it('escapes what people typed and named wherever it is shown', async () => {
    const title = '<script>alert("title")</script>';
    const name = '<img src=x onerror=alert(1)>.pdf';
    expect((await upload(owner, 'P-2', [[pdf('escape'), name]], { title })).status).toBe(303);
    const reference = { title: '<b>ref</b>', location: '<a href="javascript:alert(1)">x</a>', description: '<i>d</i>' };
    expect((await submitForm(owner, '/app/items/P-2/evidence', reference)).status).toBe(303);
    const page = await owner.get('/app/items/P-2').expect(200);
    for (const typed of [title, name, reference.title, reference.location, reference.description]) expect(page.text).not.toContain(typed);
    expect(page.text).toContain('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;');
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;.pdf');
    expect(page.text).toContain('Held elsewhere');
    expect((await submitForm(owner, '/app/items/P-2/submit', {})).status).toBe(303);
    // Level 3 without the letter: the DCC's queue lists it (to return), and escapes it there too.
    let queue = '';
    for (let attempt = 0; attempt < 100 && !queue.includes('P-2'); attempt += 1) {
      queue = (await dcc.get('/app/approvals').expect(200)).text;
      if (!queue.includes('P-2')) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(queue).toContain('&lt;img src=x onerror=alert(1)&gt;.pdf');
    for (const typed of [title, name, reference.location]) expect(queue).not.toContain(typed);
  });

  it('lets no one open a document the policy does not let them', async () => {
    const flo = await signedIn(pages.url, 'flo-fletcher');
    const page = await owner.get('/app/items/P-1').expect(200);
    const link = /href="(\/app\/items\/P-1\/evidence\/[^"]+\/file)"/.exec(page.text)![1];
    expect((await flo.get(link)).status).toBe(403);
    expect((await signedIn(pages.url, 'ch-insp-jones').then((jones) => jones.get(link))).status).toBe(403);
    expect(csrfOf(page.text)).toBeTruthy();
  });
});

function binary(response: request.Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}
