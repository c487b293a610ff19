import request from 'supertest';
import { signedIn, startPages, submitForm, type RunningPages } from './support/running-pages';

/** A name as someone might type it, and as a page must never run it. */
const HOSTILE = `Supt <script>alert("x")</script> O'Brien & Co`;
const ESCAPED = 'Supt &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Brien &amp; Co';

/** The liaison officer's page of the directory of people: who may add, the CSRF token, and names always escaped. */
describe('the people pages', () => {
  let pages: RunningPages;
  const people = async (userId = 'flo-fletcher') => (await (await signedIn(pages.url, userId)).get('/app/people').expect(200)).text;

  beforeAll(async () => {
    pages = await startPages();
  });
  afterAll(() => pages.close());

  it('the liaison officer adds a person, sees them by name, and the id normalised', async () => {
    const flo = await signedIn(pages.url, 'flo-fletcher');
    const added = await submitForm(flo, '/app/people/new', {
      name: 'Supt Asha Patel',
      id: 'Asha.Patel@Force.Police.UK',
      email: 'asha.patel@force.police.uk',
      roles: 'owner',
      portfolio: 'Public protection',
    });
    expect(added.status).toBe(303);
    expect(added.headers.location).toBe('/app/people?added=asha.patel%40force.police.uk');
    const page = await flo.get(added.headers.location as string).expect(200);
    expect(page.text).toContain('Supt Asha Patel is added to the directory');
    await waitFor(async () => (await people()).includes('asha.patel@force.police.uk'));
    expect(await people()).toContain('Recommendation owner');
  });

  it('a person twice, in another case, is refused on the form naming them', async () => {
    const flo = await signedIn(pages.url, 'flo-fletcher');
    const again = await submitForm(flo, '/app/people/new', { name: 'Asha', id: 'ASHA.PATEL@force.police.uk', roles: 'owner' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('Supt Asha Patel (asha.patel@force.police.uk) is already in the directory');
  });

  it('a form with no name, a bad id and no role names each field', async () => {
    const flo = await signedIn(pages.url, 'flo-fletcher');
    const refused = await submitForm(flo, '/app/people/new', { name: '', id: 'not an id' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('href="#name"');
    expect(refused.text).toContain('href="#id"');
    expect(refused.text).toContain('href="#roles"');
  });

  it("an id of a part of the system (the reminders', an import's) is refused on the id field, and nobody is added", async () => {
    const flo = await signedIn(pages.url, 'flo-fletcher');
    const refused = await submitForm(flo, '/app/people/new', { name: 'Reminders', id: 'System:Reminders', roles: 'owner' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('href="#id"');
    expect(refused.text).toContain('system:reminders names a part of this system, not a person');
    expect(refused.text).not.toContain('href="#name"');
    expect(await people()).not.toContain('system:reminders');
  });

  it('an owner may read the directory but not add to it', async () => {
    const owner = await signedIn(pages.url, 'supt-patel');
    await owner.get('/app/people').expect(200);
    const page = await owner.get('/app/people').expect(200);
    expect(page.text).not.toContain('href="/app/people/new"');
    await owner.get('/app/people/new').expect(403);
  });

  it('a person posted without the CSRF token is refused with a page, and nobody is added', async () => {
    const flo = await signedIn(pages.url, 'flo-fletcher');
    const refused = await flo.post('/app/people').type('form').send({ name: 'Mallory', id: 'mallory', roles: 'owner' }).expect(403);
    expect(refused.text).toContain('This form has expired');
    const foreign = await request(pages.url).get('/app/sign-in').expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(foreign.text)![1];
    await flo.post('/app/people').type('form').send({ _csrf: token, name: 'Mallory', id: 'mallory', roles: 'owner' }).expect(403);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await people()).not.toContain('mallory');
  });

  it('a name with markup is shown as text wherever a name is shown: the list, the banner, the owner select, the item', async () => {
    const flo = await signedIn(pages.url, 'flo-fletcher');
    const added = await submitForm(flo, '/app/people/new', { name: HOSTILE, id: 'obrien', roles: 'owner' });
    expect(added.status).toBe(303);
    const banner = (await flo.get(added.headers.location as string).expect(200)).text;
    expect(banner).toContain(ESCAPED);
    expect(banner).not.toContain('<script>alert');
    await waitFor(async () => (await people()).includes('obrien'));
    const list = await people();
    expect(list).toContain(ESCAPED);
    expect(list).not.toContain('<script>alert');

    // Chosen from the select as an owner, then shown as the item's owner.
    await submitForm(flo, '/app/inspection-reports/new', {
      title: 'PEEL 2023–25',
      id: 'peel-2023',
      reportType: 'peel',
      'publishedOn-day': '29',
      'publishedOn-month': '9',
      'publishedOn-year': '2023',
    }).then((r) => expect(r.status).toBe(303));
    const form = (await flo.get('/app/inspection-reports/peel-2023/items/new').expect(200)).text;
    expect(form).toContain(`<option value="obrien">${ESCAPED}</option>`);
    expect(form).not.toContain('<script>alert');
    const opened = await submitForm(flo, '/app/inspection-reports/peel-2023/items/new', {
      reference: 'E-1',
      kind: 'recommendation',
      text: 'Identify repeat victims',
      level: '3',
      addressee: 'Chief Constables',
      portfolio: 'Public Protection',
      owner: 'OBrien',
    });
    expect(opened.status).toBe(303);
    const item = (await flo.get('/app/items/E-1').expect(200)).text;
    expect(item).toContain(ESCAPED);
    expect(item).not.toContain('<script>alert');
    const assign = (await flo.get('/app/items/E-1/assign').expect(200)).text;
    expect(assign).toContain(ESCAPED);
    expect(assign).not.toContain('<script>alert');
  });
});

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('The read models did not catch up within 5 s');
}
