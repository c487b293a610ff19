import request from 'supertest';
import { servedRoutes } from '../../apps/api/src/http-app';
import { csrfOf, signedIn, startPages, type RunningPages } from './support/running-pages';

/** The demo users, one per role: a form refused for its missing token must be refused whoever posts it. */
const PEOPLE = ['flo-fletcher', 'supt-patel', 'dcc-green', 'hmi-cooper', 'audit-khan'];

describe('every form under /app posted without its CSRF token is refused and writes nothing', () => {
  let pages: RunningPages;
  let posts: string[];
  const position = async () => (await request(pages.url).get('/health')).body.store.position as string | null;

  beforeAll(async () => {
    pages = await startPages({ SEALER: 'false', REMINDERS_DAILY_AT: 'off' });
    // From the routes the server registered: a form added tomorrow is covered tomorrow.
    posts = servedRoutes(pages.app)
      .filter((route) => route.method === 'POST' && route.url.startsWith('/app'))
      .map((route) => route.url.replace(/:[A-Za-z]+/g, 'P-1'));
  });
  afterAll(() => pages.close());

  it('finds the forms', () => {
    expect(posts).toEqual(
      expect.arrayContaining([
        '/app/sign-in',
        '/app/items/P-1/rate',
        '/app/sign-out',
        '/app/sign-out/everywhere',
        '/app/people/P-1/sessions/end',
        '/app/people/import',
      ]),
    );
    expect(posts.length).toBeGreaterThan(15);
  });

  it.each(PEOPLE)('as %s: no token, or a forged one, is a 403 and nothing is written', async (person) => {
    const agent = await signedIn(pages.url, person);
    const before = await position();
    for (const url of posts) {
      for (const token of [undefined, 'forged-token']) {
        const response = await agent
          .post(url)
          .type('form')
          .send({ ...(token === undefined ? {} : { _csrf: token }), rag: 'red', text: 'x', title: 'x', reason: 'x', owner: 'supt-patel' });
        // The address beside the status, so that a failure names the form.
        expect([url, response.status]).toEqual([url, 403]);
      }
    }
    expect(await position()).toBe(before);
  });

  it.each(PEOPLE)(
    "as %s: a token from another session is refused on every form, even from the same browser's CSRF cookie",
    async (person) => {
      const agent = await signedIn(pages.url, person);
      const before = (await agent.get('/app/home').expect(200)).text;
      // Signing in again, in the same browser: a new session, the same CSRF cookie.
      const form = await agent.get('/app/sign-in').expect(200);
      await agent
        .post('/app/sign-in')
        .type('form')
        .send({ _csrf: csrfOf(form.text), user: person, next: '/app/home' })
        .expect(303);
      const position = async () => (await request(pages.url).get('/health')).body.store.position as string | null;
      const at = await position();
      for (const url of posts) {
        const response = await agent
          .post(url)
          .type('form')
          .send({ _csrf: csrfOf(before), rag: 'red', text: 'x', title: 'x', reason: 'x', owner: 'supt-patel', user: person });
        expect([url, response.status]).toEqual([url, 403]);
      }
      expect(await position()).toBe(at);
      // The new session's own token is good.
      const now = (await agent.get('/app/home').expect(200)).text;
      await agent
        .post('/app/sign-out/everywhere')
        .type('form')
        .send({ _csrf: csrfOf(now) })
        .expect(303);
    },
  );
});
