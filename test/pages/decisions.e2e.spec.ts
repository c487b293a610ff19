import request from 'supertest';
import { issueToken, tokenSecret } from '@hmicfrs/auth';
import { SOC_REPORT_FORM, signedIn, startPages, submitForm, type RunningPages } from './support/running-pages';

const item = (reference: string, level: string) => ({
  reference,
  kind: 'recommendation',
  text: `Recommendation ${reference}`,
  level,
  addressee: 'Chief Constables',
  portfolio: 'Serious Organised Crime',
  owner: 'supt-patel',
});
const letter = { title: 'Chief Constable letter', location: 'Chief officers file', description: 'Signed', isChiefConstableLetter: 'yes' };
const policy = { title: 'SOC policy', location: 'Policy library', description: 'Version 2' };

/** Decisions with reasons (issue 15): comments, the inspection that verified, a confirmation for non-Green, back to the queue. */
describe('the DCC and HMICFRS decide with comments', () => {
  let pages: RunningPages;
  let owner: request.Agent;
  let dcc: request.Agent;
  let hmi: request.Agent;
  /** The liaison officer's bearer token, for the JSON API. */
  let bearer: string;
  const liaisonApi = () => ({ get: (path: string) => request(pages.url).get(path).set('Authorization', bearer) });

  /** The read models follow a moment later: ask again until the page shows it. */
  async function eventually(agent: request.Agent, path: string, shows: string): Promise<string> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const page = await agent.get(path).expect(200);
      if (page.text.includes(shows)) return page.text;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${path} never showed ${shows}`);
  }

  async function submitted(reference: string, level: string, rag: string, evidence: object[]): Promise<void> {
    const flo = await signedIn(pages.url, 'flo-fletcher');
    expect((await submitForm(flo, '/app/inspection-reports/soc-2023/items/new', item(reference, level))).status).toBe(303);
    expect((await submitForm(owner, `/app/items/${reference}/rate`, { rag })).status).toBe(303);
    expect((await submitForm(owner, `/app/items/${reference}/note`, { text: `Progress on ${reference}: all <done>` })).status).toBe(303);
    for (const e of evidence)
      expect((await submitForm(owner, `/app/items/${reference}/evidence`, e as Record<string, string>)).status).toBe(303);
    expect((await submitForm(owner, `/app/items/${reference}/submit`, {})).status).toBe(303);
  }

  beforeAll(async () => {
    pages = await startPages({ SEALER: 'false', REMINDERS_DAILY_AT: 'off' }, { people: ['supt-patel'] });
    const flo = await signedIn(pages.url, 'flo-fletcher');
    expect((await submitForm(flo, '/app/inspection-reports/new', SOC_REPORT_FORM)).status).toBe(303);
    owner = await signedIn(pages.url, 'supt-patel');
    dcc = await signedIn(pages.url, 'dcc-green');
    hmi = await signedIn(pages.url, 'hmi-cooper');
    await submitted('S-1', '3', 'green', [policy, letter]);
    await submitted('S-2', '3', 'amber', [policy, letter]);
    await submitted('S-3', '2', 'green', [policy]);
    bearer = `Bearer ${issueToken(
      { userId: 'flo-fletcher', role: 'liaison' },
      tokenSecret(undefined, pages.dataDir, () => undefined),
    )}`;
    await request(pages.url)
      .post('/inspection-activity')
      .set('Authorization', bearer)
      .send({
        id: 'soc-revisit',
        inspectionType: 're_visit',
        title: 'SOC re-visit',
        fieldworkFrom: '2024-01-08',
        fieldworkTo: '2024-01-12',
        revisits: [],
      })
      .expect(201);
  }, 120_000);
  afterAll(() => pages?.close());

  it('the approve page shows the latest progress note, the rating and the evidence with open links', async () => {
    const page = (await dcc.get('/app/items/S-1/approve').expect(200)).text;
    expect(page).toContain('data-testid="latest-progress-note">Progress on S-1: all &lt;done&gt;</p>');
    expect(page).toMatch(/RAG rating[\s\S]*Green/);
    expect(page).toContain('SOC policy');
    expect(page).toContain('Comment (optional)');
    expect(page).not.toContain('name="confirmRating"');
  });

  it('approving with a comment records it and goes back to the queue, at the next submission', async () => {
    const approved = await submitForm(dcc, '/app/items/S-1/approve', { comment: 'Evidence <b>complete</b>' });
    expect([approved.status, approved.headers.location]).toEqual([303, '/app/approvals?done=approve&item=S-1#next-waiting']);
    const queue = (await dcc.get('/app/approvals?done=approve&item=S-1').expect(200)).text;
    expect(queue).toMatch(/Approve: done for <a[^>]*>S-1<\/a>/);
    expect(queue).toMatch(/<div class="govuk-summary-card" data-testid="awaiting-approval" id="next-waiting" tabindex="-1">[\s\S]*?S-2/);
    expect(queue).toContain('href="#next-waiting" data-testid="next-submission">S-2</a>');
    const itemPage = (await dcc.get('/app/items/S-1').expect(200)).text;
    expect(itemPage).toContain('Evidence &lt;b&gt;complete&lt;/b&gt;');
    expect(itemPage).not.toContain('<b>complete</b>');
  });

  it('approving an item not rated Green asks for a confirmation first: the lifecycle refuses it unticked, and nothing is written', async () => {
    const page = (await dcc.get('/app/items/S-2/approve').expect(200)).text;
    expect(page).toContain('I have seen that this item is rated Amber, not Green, and I approve it all the same');
    const revision = (await liaisonApi().get('/recommendations/S-2').expect(200)).body.revision;
    const unconfirmed = await submitForm(dcc, '/app/items/S-2/approve', {});
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.text).toContain('Confirm that you approve an item rated Amber, not Green');
    expect(unconfirmed.text).toContain('href="#confirmRating"');
    expect((await liaisonApi().get('/recommendations/S-2').expect(200)).body).toMatchObject({ revision, status: 'submitted' });
    const confirmed = await submitForm(dcc, '/app/items/S-2/approve', { confirmRating: 'yes' });
    expect(confirmed.status).toBe(303);
    // The tick box is the body's confirmRating, as the JSON API takes it: the approval records it.
    const history = (await liaisonApi().get('/recommendations/S-2/history').expect(200)).body.events;
    expect(history.at(-1)).toMatchObject({ type: 'SelfCertified', data: { ratingConfirmed: true } });
    expect((await dcc.get('/app/items/S-2').expect(200)).text).toContain('on 2 pieces of evidence, confirmed though not rated Green');
  });

  it('an approval the rules would refuse is not offered: what is missing, and who can supply it', async () => {
    const queue = await eventually(dcc, '/app/approvals', 'data-testid="cannot-approve"');
    expect(queue).not.toContain('href="/app/items/S-3/approve"');
    expect(queue).toContain('APPROVE at level 2 needs the Chief Constable letter as evidence');
    expect(queue).toContain('Who can supply it: Supt Asha Patel, the owner');
    const page = await dcc.get('/app/items/S-3/approve').expect(409);
    expect(page.text).toContain('Approve is not possible yet');
    expect(page.text).toContain('Supt Asha Patel, the owner');
    expect(page.text).toContain('href="/app/items/S-3/return"');
  });

  it('return needs a comment, with a clear field error', async () => {
    const refused = await submitForm(dcc, '/app/items/S-3/return', { reason: ' ' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Enter a comment: what the owner needs to do before submitting again');
    expect((await submitForm(dcc, '/app/items/S-3/return', { reason: 'Attach the letter' })).status).toBe(303);
  });

  it('verify records the inspection that verified it, chosen from those recorded or named', async () => {
    const page = (await hmi.get('/app/items/S-1/verify').expect(200)).text;
    expect(page).toContain('SOC re-visit');
    const unnamed = await submitForm(hmi, '/app/items/S-1/verify', { comment: 'x' });
    expect(unnamed.status).toBe(422);
    expect(unnamed.text).toContain('Choose the inspection at which HMICFRS verified it, or name another');
    expect((await submitForm(hmi, '/app/items/S-1/verify', { inspectionActivityId: 'soc-revisit', comment: 'Seen on site' })).status).toBe(
      303,
    );
    const itemPage = (await hmi.get('/app/items/S-1').expect(200)).text;
    expect(itemPage).toContain('Verified by');
    expect(itemPage).toContain('at SOC re-visit');
    expect(itemPage).toContain('Seen on site');
    expect(
      (await submitForm(hmi, '/app/items/S-2/verify', { inspectionActivityId: 'another', inspectionName: 'PEEL 2025 fieldwork' })).status,
    ).toBe(303);
    expect((await hmi.get('/app/items/S-2').expect(200)).text).toContain('at PEEL 2025 fieldwork');
  });

  it('reopening asks for a comment and the new due date, and clears the rating and the self-certification', async () => {
    const page = (await hmi.get('/app/items/S-1/reopen').expect(200)).text;
    expect(page).toContain('New due date');
    const refused = await submitForm(hmi, '/app/items/S-1/reopen', {});
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Enter a comment: why the item needs more work');
    expect(refused.text).toContain('Enter the new due date as a real date');
    const reopened = await submitForm(hmi, '/app/items/S-1/reopen', {
      reason: 'Re-visit found it not sustained',
      'dueDate-day': '30',
      'dueDate-month': '6',
      'dueDate-year': '2099',
    });
    expect(reopened.status).toBe(303);
    const itemPage = (await hmi.get('/app/items/S-1').expect(200)).text;
    expect(itemPage).toContain('Open and not yet RAG rated');
    expect(itemPage).toContain('Due 30 June 2099; needs a fresh RAG rating');
    expect(itemPage).toContain('Reopened: Re-visit found it not sustained');
    const register = await eventually(hmi, '/app/register?rag=unrated', '>S-1</a>');
    expect(register).toContain('30 June 2099');
  });
});
