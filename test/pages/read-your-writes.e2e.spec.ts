import { join } from 'node:path';
import Database from 'better-sqlite3';
import type request from 'supertest';
import { READ_MODELS_FILE } from '@hmicfrs/projections';
import { signedIn, startPages, submitForm, type RunningPages } from './support/running-pages';

const REPORT = {
  title: 'Vetting, misconduct and misogyny',
  id: 'vetting-2022',
  reportType: 'thematic',
  'publishedOn-day': '2',
  'publishedOn-month': '11',
  'publishedOn-year': '2022',
};
const item = (reference: string) => ({
  reference,
  kind: 'recommendation',
  text: `Recommendation ${reference}`,
  level: '2',
  addressee: 'Chief Constables',
  portfolio: 'Professional Standards',
  owner: 'supt-patel',
  'dueDate-day': '31',
  'dueDate-month': '12',
  'dueDate-year': '2099',
});

/**
 * Read your own writes on the pages: a form that worked redirects only once the read models show it
 * (at most a second's wait), so the register, the DCC's queue and the auditor's activity show it on the
 * very next page, with no retries, even with the projector held back by another writer of
 * read-models.db for 300 ms after each post.
 */
describe('the pages show what a form just did', () => {
  let pages: RunningPages;
  let blocker: Database.Database;
  let owner: request.Agent;
  let dcc: request.Agent;
  let auditor: request.Agent;

  /** Opens the form page, then posts it while the read models cannot be written, for `heldForMs` from when it is sent. */
  async function postSlowed(agent: request.Agent, formPage: string, fields: Record<string, string>, heldForMs = 300) {
    const page = await agent.get(formPage).expect(200);
    const hidden = Object.fromEntries(
      [...page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    const action = /<form method="post" action="([^"]+)"/.exec(page.text.slice(page.text.indexOf('<main')))![1];
    blocker.exec('BEGIN IMMEDIATE');
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        blocker.exec('COMMIT');
        resolve();
      }, heldForMs),
    );
    try {
      const started = Date.now();
      const answer = await agent
        .post(action)
        .type('form')
        .send({ ...hidden, ...fields })
        .expect(303);
      return { answer, tookMs: Date.now() - started };
    } finally {
      await released;
    }
  }

  beforeAll(async () => {
    pages = await startPages({}, { people: ['supt-patel'] });
    blocker = new Database(join(pages.dataDir, READ_MODELS_FILE));
    const flo = await signedIn(pages.url, 'flo-fletcher');
    expect((await submitForm(flo, '/app/inspection-reports/new', REPORT)).status).toBe(303);
    for (let i = 1; i <= 5; i += 1) {
      expect((await submitForm(flo, '/app/inspection-reports/vetting-2022/items/new', item(`P-${i}`))).status).toBe(303);
    }
    owner = await signedIn(pages.url, 'supt-patel');
    dcc = await signedIn(pages.url, 'dcc-green');
    auditor = await signedIn(pages.url, 'audit-khan');
  });
  afterAll(async () => {
    blocker.close();
    await pages.close();
  });

  it('a rating is in the register, a submission in the DCC’s queue, a note in the activity: 5 times of 5', async () => {
    for (let i = 1; i <= 5; i += 1) {
      const reference = `P-${i}`;
      const rated = await postSlowed(owner, `/app/items/${reference}/rate`, { rag: 'red' });
      const register = await owner.get(`/app/register?rag=red`).expect(200);
      expect(register.text).toContain(`>${reference}</a>`);
      expect(rated.tookMs).toBeLessThan(1000);

      expect(
        (
          await submitForm(owner, `/app/items/${reference}/evidence`, {
            title: 'Vetting policy',
            location: 'Policy library',
            description: 'v4',
          })
        ).status,
      ).toBe(303);
      await postSlowed(owner, `/app/items/${reference}/submit`, {});
      const queue = await dcc.get('/app/approvals').expect(200);
      expect(queue.text).toContain(`>${reference}</a>`);

      const before = /Today's activity \((\d+)\)/.exec((await auditor.get('/app/home').expect(200)).text)![1];
      await postSlowed(owner, `/app/items/${reference}/note`, { text: `note ${i}` });
      const after = /Today's activity \((\d+)\)/.exec((await auditor.get('/app/home').expect(200)).text)![1];
      expect(Number(after)).toBe(Number(before) + 1);
    }
  });

  it('redirects after a second at most when the read models do not get there in time', async () => {
    const { answer, tookMs } = await postSlowed(owner, '/app/items/P-1/note', { text: 'held back' }, 1500);
    expect(tookMs).toBeGreaterThanOrEqual(900);
    expect(tookMs).toBeLessThan(1400);
    expect(answer.headers.location).toBe('/app/items/P-1?done=note');
  });
});
