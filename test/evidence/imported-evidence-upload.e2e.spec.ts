import { createHash } from 'node:crypto';
import request from 'supertest';
import { isStoredDocument } from '@hmicfrs/lifecycle';
import { RecommendationWorkflow } from '@hmicfrs/workflow';
import { csv, row } from '../import/import-fixture';
import { csrfOf, signedIn, startPages, submitForm, type RunningPages } from '../pages/support/running-pages';
import { pdf } from './support';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** A tracker whose name the placeholders' titles carry: markup in it must be shown as text. */
const TRACKER = 'tracker <b>&.csv';

/** Imported evidence is a reference held elsewhere; the item page offers its owner to upload the document itself. */
describe('uploading the document of an imported reference', () => {
  let pages: RunningPages;
  let flo: request.Agent;
  let owner: request.Agent;
  let dcc: request.Agent;

  /** The item page's upload form as the page gives it (for `?uploadFor=…`, pre-filled), posted as a browser would. */
  async function uploadThrough(agent: request.Agent, pagePath: string, file: [Buffer, string], csrf?: string) {
    const page = await agent.get(pagePath).expect(200);
    const form = page.text.slice(page.text.indexOf('data-testid="upload-form"'));
    const fields: Record<string, string> = Object.fromEntries(
      [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].slice(0, 3).map((m) => [m[1], m[2]]),
    );
    const title = /name="title" type="text" value="([^"]*)"/.exec(form)?.[1];
    if (title !== undefined) fields.title = unescape(title);
    if (/name="isChiefConstableLetter" type="checkbox" value="yes" checked/.test(form)) fields.isChiefConstableLetter = 'yes';
    if (csrf !== undefined) fields._csrf = csrf;
    let post = agent.post(pagePath.split('?')[0] + '/upload');
    for (const [name, value] of Object.entries(fields)) post = post.field(name, value);
    return post.attach('file', file[0], file[1]);
  }

  beforeAll(async () => {
    pages = await startPages({}, { people: ['supt-patel', 'ch-insp-jones'] });
    flo = await signedIn(pages.url, 'flo-fletcher');
    const page = await flo.get('/app/imports').expect(200);
    // Self-certified at level 3, awaiting HMICFRS verification: an evidence placeholder and a Chief Constable letter placeholder.
    const register = csv([row({ reference: 'IM-1', status: 'self_certified', level: '3', owner: 'ch-insp-jones' })]);
    const imported = await flo
      .post('/app/imports')
      .field('_csrf', csrfOf(page.text))
      .field('mode', 'all')
      .attach('register', register, TRACKER);
    if (imported.status !== 200)
      throw new Error(
        imported.text
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .slice(0, 3000),
      );
    expect(imported.text).toContain('1 item added');
    owner = await signedIn(pages.url, 'ch-insp-jones');
    dcc = await signedIn(pages.url, 'dcc-green');
  });
  afterAll(() => pages.close());

  it('offers the upload only while the lifecycle takes evidence, only to whom may attach it, and escapes the title', async () => {
    const before = await owner.get('/app/items/IM-1').expect(200);
    expect(before.text).toContain('Held elsewhere');
    expect(before.text).not.toContain('data-testid="upload-reference"');

    const hmi = await signedIn(pages.url, 'hmi-cooper');
    expect((await submitForm(hmi, '/app/items/IM-1/reject', { reason: 'Send us the documents themselves' })).status).toBe(303);

    const page = await owner.get('/app/items/IM-1').expect(200);
    const offers = [...page.text.matchAll(/href="\/app\/items\/IM-1\?uploadFor=([^"#]+)#upload-form" data-testid="upload-reference"/g)];
    expect(offers.map((m) => m[1]).sort()).toEqual(['imported-cc-letter', 'imported-evidence']);
    expect(page.text).not.toContain('tracker <b>');
    expect(page.text).toContain('tracker &lt;b&gt;&amp;.csv');

    const asDcc = await dcc.get('/app/items/IM-1').expect(200);
    expect(asDcc.text).toContain('Held elsewhere');
    expect(asDcc.text).not.toContain('data-testid="upload-reference"');
    expect(asDcc.text).not.toContain('data-testid="upload-form"');

    const prefilled = await owner.get('/app/items/IM-1?uploadFor=imported-cc-letter').expect(200);
    const form = prefilled.text.slice(prefilled.text.indexOf('data-testid="upload-form"'));
    expect(form).toContain('data-testid="upload-for"');
    expect(form).toContain(
      'value="Chief Constable letter recorded in the recommendation action tracker (imported from tracker &lt;b&gt;&amp;.csv; the document itself was not uploaded)"',
    );
    expect(form).toMatch(/name="isChiefConstableLetter" type="checkbox" value="yes" checked/);
    const plain = await owner.get('/app/items/IM-1?uploadFor=imported-evidence').expect(200);
    expect(plain.text.slice(plain.text.indexOf('data-testid="upload-form"'))).not.toMatch(/type="checkbox" value="yes" checked/);
  });

  it('refuses the offer’s form without its CSRF token, and records nothing', async () => {
    const refused = await uploadThrough(owner, '/app/items/IM-1?uploadFor=imported-evidence', [pdf('csrf'), 'csrf.pdf'], 'not-the-token');
    expect(refused.status).toBe(403);
    const page = await owner.get('/app/items/IM-1').expect(200);
    expect(page.text).not.toContain('csrf.pdf');
    expect(page.text).not.toContain('data-testid="reference-document"');
  });

  it('records the document through the offer with the reference’s title and letter flag, and shows it beside the reference', async () => {
    const letter = pdf('signed letter');
    const uploaded = await uploadThrough(owner, '/app/items/IM-1?uploadFor=imported-cc-letter', [letter, 'cc letter.pdf']);
    expect(uploaded.status).toBe(303);

    // What was recorded: the workflow's view of the item, replayed from its events.
    const workflow = pages.app.get(RecommendationWorkflow, { strict: false });
    const { evidence } = (await workflow.item('IM-1', { userId: 'ch-insp-jones', role: 'owner' })).item;
    const stored = evidence.filter(isStoredDocument).find((e) => e.sha256 === sha256(letter));
    expect(stored).toMatchObject({
      evidenceId: `doc-${sha256(letter).slice(0, 16)}`,
      title: `Chief Constable letter recorded in the recommendation action tracker (imported from ${TRACKER}; the document itself was not uploaded)`,
      isChiefConstableLetter: true,
      file: { name: 'cc letter.pdf', mediaType: 'application/pdf', size: letter.length },
    });
    // The reference stays what it was: the tracker's record.
    expect(evidence.find((e) => e.evidenceId === 'imported-cc-letter')).toMatchObject({ heldElsewhere: expect.anything() });

    const page = await owner.get('/app/items/IM-1').expect(200);
    const link = `/app/items/IM-1/evidence/doc-${sha256(letter).slice(0, 16)}/file`;
    const beside = /data-testid="reference-document">([\s\S]*?)<\/span>/.exec(page.text)?.[1] ?? '';
    expect(beside).toContain(`href="${link}"`);
    expect(beside).toContain('Open cc letter.pdf');
    // The letter's reference is answered; the other reference is still offered.
    const offers = [...page.text.matchAll(/\?uploadFor=([^"#]+)#upload-form/g)].map((m) => m[1]);
    expect(offers).toEqual(['imported-evidence']);
    expect((await owner.get(link)).status).toBe(200);
  });
});

function unescape(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
