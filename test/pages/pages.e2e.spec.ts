import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { startApi, type RunningApi } from '../support/running-api';
import { csrfOf, signedIn, startPages, submitForm, type RunningPages, PEEL_REPORT_FORM, P1_ITEM_FORM } from './support/running-pages';

describe('the web pages over HTTP', () => {
  let pages: RunningPages;
  const historyLength = async () => {
    const flo = await signedIn(pages.url, 'flo-fletcher');
    const page = await flo.get('/app/items/P-1').expect(200);
    return (page.text.match(/<tr class="govuk-table__row">\s*<td class="govuk-table__cell app-nowrap">/g) ?? []).length;
  };

  beforeAll(async () => {
    pages = await startPages({}, { people: ['supt-patel', 'ch-insp-jones'] });
    const flo = await signedIn(pages.url, 'flo-fletcher');
    await submitForm(flo, '/app/inspection-reports/new', PEEL_REPORT_FORM).then((r) => expect(r.status).toBe(303));
    await submitForm(flo, '/app/inspection-reports/peel-2023/items/new', P1_ITEM_FORM).then((r) => expect(r.status).toBe(303));
  });
  afterAll(() => pages.close());

  describe('no page without a session', () => {
    it.each(['/app/items/P-1', '/app/items/P-1/rate', '/app/inspection-reports', '/app/inspection-reports/new'])(
      'GET %s sends the browser to sign in, and back',
      async (path) => {
        const response = await request(pages.url).get(path).expect(303);
        expect(response.headers.location).toBe(`/app/sign-in?next=${encodeURIComponent(path)}`);
      },
    );

    it('a forged or expired session cookie is no session', async () => {
      const response = await request(pages.url).get('/app/items/P-1').set('Cookie', 'session=eyJhbGciOiJIUzI1NiJ9.e30.x').expect(303);
      expect(response.headers.location).toMatch(/^\/app\/sign-in/);
    });

    it('signing in returns to the page asked for, never to another site', async () => {
      const agent = request.agent(pages.url);
      const form = await agent.get('/app/sign-in?next=%2Fapp%2Fitems%2FP-1').expect(200);
      const back = await agent
        .post('/app/sign-in')
        .type('form')
        .send({ _csrf: csrfOf(form.text), user: 'audit-khan', next: '/app/items/P-1' })
        .expect(303);
      expect(back.headers.location).toBe('/app/items/P-1');
      // The form's token was made before there was a session: bound to none, it is no good in the new one.
      await agent
        .post('/app/sign-in')
        .type('form')
        .send({ _csrf: csrfOf(form.text), user: 'audit-khan', next: '/app/home' })
        .expect(403);
      const again = await agent.get('/app/sign-in').expect(200);
      const away = await agent
        .post('/app/sign-in')
        .type('form')
        .send({ _csrf: csrfOf(again.text), user: 'audit-khan', next: '//evil.example/app' })
        .expect(303);
      expect(away.headers.location).toBe('/app/home');
    });

    it('the session cookie is http-only, SameSite=Lax and only sent to the pages', async () => {
      const agent = request.agent(pages.url);
      const form = await agent.get('/app/sign-in').expect(200);
      const signIn = await agent
        .post('/app/sign-in')
        .type('form')
        .send({ _csrf: csrfOf(form.text), user: 'flo-fletcher' })
        .expect(303);
      const cookie = (signIn.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('session='))!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/Path=\/app/);
    });

    it('signing out ends the session', async () => {
      const agent = await signedIn(pages.url, 'flo-fletcher');
      const page = await agent.get('/app/items/P-1').expect(200);
      const out = await agent
        .post('/app/sign-out')
        .type('form')
        .send({ _csrf: csrfOf(page.text) })
        .expect(303);
      expect(out.headers.location).toBe('/app/sign-in?signedOut=yes');
      await agent.get('/app/items/P-1').expect(303);
    });

    it('choosing nobody, or someone not in the users file, is a validation error', async () => {
      const agent = request.agent(pages.url);
      const form = await agent.get('/app/sign-in').expect(200);
      const refused = await agent
        .post('/app/sign-in')
        .type('form')
        .send({ _csrf: csrfOf(form.text), user: 'mallory' })
        .expect(422);
      expect(refused.text).toContain('govuk-error-summary');
      expect(refused.text).toContain('Select who you are');
    });
  });

  describe('CSRF', () => {
    it('a form posted without its token is refused with a page, and writes nothing', async () => {
      const before = await historyLength();
      const owner = await signedIn(pages.url, 'supt-patel');
      const refused = await owner.post('/app/items/P-1/note').type('form').send({ text: 'From another site' }).expect(403);
      expect(refused.headers['content-type']).toMatch(/text\/html/);
      expect(refused.text).toContain('This form has expired');
      expect(await historyLength()).toBe(before);
    });

    it('a token from another browser is refused', async () => {
      const stranger = request.agent(pages.url);
      const foreignToken = csrfOf((await stranger.get('/app/sign-in').expect(200)).text);
      const owner = await signedIn(pages.url, 'supt-patel');
      await owner.post('/app/items/P-1/note').type('form').send({ _csrf: foreignToken, text: 'x' }).expect(403);
    });

    it('signing in needs the token too (no login CSRF)', async () => {
      await request(pages.url).post('/app/sign-in').type('form').send({ user: 'flo-fletcher' }).expect(403);
    });
  });

  describe('a user sees and may take only what their role allows', () => {
    it("the 403 page gives the policy's reason", async () => {
      const owner = await signedIn(pages.url, 'supt-patel');
      const page = await owner.get('/app/items/P-1/approve').expect(403);
      expect(page.text).toContain('You cannot do that');
      expect(page.text).toContain('The owner role may not approve (recommendation)');
    });

    it("an owner may not act on someone else's item", async () => {
      const other = await signedIn(pages.url, 'ch-insp-jones');
      const page = await other.get('/app/items/P-1/rate').expect(403);
      expect(page.text).toContain('ch-insp-jones does not own it');
    });

    it('an auditor posting a command with a valid token is refused by the policy, not by the form', async () => {
      const auditor = await signedIn(pages.url, 'audit-khan');
      const item = await auditor.get('/app/items/P-1').expect(200);
      expect(item.text).not.toContain('data-testid="actions"');
      const refused = await auditor
        .post('/app/items/P-1/note')
        .type('form')
        .send({ _csrf: csrfOf(item.text), text: 'x' })
        .expect(403);
      expect(refused.text).toContain('The auditor role may not note (recommendation)');
    });

    it('a command the item does not take now is explained, not offered', async () => {
      const hmi = await signedIn(pages.url, 'hmi-cooper');
      const page = await hmi.get('/app/items/P-1/verify').expect(409);
      expect(page.text).toContain('Verify is not possible while the item is open and not yet RAG rated');
    });

    it('an unknown item or action is a 404 page', async () => {
      const flo = await signedIn(pages.url, 'flo-fletcher');
      expect((await flo.get('/app/items/NOPE').expect(404)).text).toContain('There is no item NOPE');
      await flo.get('/app/items/P-1/fly').expect(404);
      const nowhere = await flo.get('/app/nowhere').expect(404);
      // No route, so no nonce: govuk-frontend's inline script is allowed by its hash instead.
      expect(nowhere.headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/]+='/);
      expect(nowhere.text).toContain('Page not found');
    });
  });

  describe('form validation in the GOV.UK error-summary pattern, never a 500', () => {
    it('a missing or impossible value names the field and links to it', async () => {
      const owner = await signedIn(pages.url, 'supt-patel');
      const rate = await submitForm(owner, '/app/items/P-1/rate', { rag: 'purple' });
      expect(rate.status).toBe(422);
      expect(rate.text).toContain('<a href="#rag">Select a RAG rating</a>');
      expect(rate.text).toMatch(/<title>Error: /);
      const flo = await signedIn(pages.url, 'flo-fletcher');
      const due = await submitForm(flo, '/app/items/P-1/due-date', {
        'dueDate-day': '31',
        'dueDate-month': '2',
        'dueDate-year': '2025',
        reason: '',
      });
      expect(due.status).toBe(422);
      expect(due.text).toContain('<a href="#dueDate-day">Enter the new due date as a real date</a>');
      // P-1 has no due date yet: its first needs no reason, so none is asked for.
      expect(due.text).not.toContain('href="#reason"');
      expect(due.text).toContain('value="31"');
    });

    it('a refusal of the lifecycle is shown on the form with its reason', async () => {
      const owner = await signedIn(pages.url, 'supt-patel');
      await submitForm(owner, '/app/items/P-1/rate', { rag: 'red' }).then((r) => expect(r.status).toBe(303));
      const itemPage = await owner.get('/app/items/P-1').expect(200);
      expect(itemPage.text).toMatch(/Not possible yet[\s\S]*SUBMIT needs at least one piece of evidence/);
      const notOffered = await owner.get('/app/items/P-1/submit').expect(409);
      expect(notOffered.text).toContain('SUBMIT needs at least one piece of evidence');
      // A page opened before the evidence was removed, say: the post is refused with the same reason.
      const item = await owner.get('/app/items/P-1').expect(200);
      const submit = await owner
        .post('/app/items/P-1/submit')
        .type('form')
        .send({ _csrf: csrfOf(item.text) })
        .expect(422);
      expect(submit.text).toContain('govuk-error-summary');
      expect(submit.text).toContain('SUBMIT needs at least one piece of evidence');
    });

    it("a form sent twice is one command; a form from before someone else's change is a conflict", async () => {
      const owner = await signedIn(pages.url, 'supt-patel');
      const form = await owner.get('/app/items/P-1/note').expect(200);
      const hidden = Object.fromEntries(
        [...form.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
      );
      const before = await historyLength();
      await owner
        .post('/app/items/P-1/note')
        .type('form')
        .send({ ...hidden, text: 'Board met' })
        .expect(303);
      await owner
        .post('/app/items/P-1/note')
        .type('form')
        .send({ ...hidden, text: 'Board met' })
        .expect(303);
      expect(await historyLength()).toBe(before + 1);
      const stale = await owner
        .post('/app/items/P-1/note')
        .type('form')
        .send({ ...hidden, formId: '00000000-0000-4000-8000-000000000000', text: 'Later' })
        .expect(409);
      expect(stale.text).toContain('Someone else changed this item');
    });

    it('garbage in any field is a 4xx page', async () => {
      const flo = await signedIn(pages.url, 'flo-fletcher');
      const page = await flo.get('/app/inspection-reports/new').expect(200);
      const token = csrfOf(page.text);
      for (const body of [{ id: ['a', 'b'] }, { title: 'x'.repeat(20_000) }, { 'publishedOn-day': '99' }, { reportType: { $ne: 1 } }, {}]) {
        const response = await flo
          .post('/app/inspection-reports')
          .type('form')
          .send({ _csrf: token, ...body });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }
      const json = await flo.post('/app/items/P-1/level').set('content-type', 'application/json').send(`{"_csrf":"${token}","level":`);
      expect(json.status).toBe(400);
      expect(json.headers['content-type']).toMatch(/text\/html/);
    });

    it('an "as at" date that is not a date is a validation error on the item page', async () => {
      const flo = await signedIn(pages.url, 'flo-fletcher');
      const page = await flo.get('/app/items/P-1?asAt-day=40&asAt-month=1&asAt-year=2024').expect(422);
      expect(page.text).toContain('Enter the date as a real date');
      await flo.get('/app/items/P-1?asAt=2001-01-01').expect(404);
    });
  });

  it("pages carry security headers; the CSP allows only this site and the page's own nonce", async () => {
    const page = await request(pages.url).get('/app/sign-in').expect(200);
    const csp = page.headers['content-security-policy'];
    const nonce = /'nonce-([0-9a-f]+)'/.exec(csp)?.[1];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.text).toContain(`<script nonce="${nonce}">`);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cache-control']).toBe('no-store');
    await request(pages.url)
      .get('/assets/govuk-frontend.min.css')
      .expect(200)
      .expect('content-type', /text\/css/);
    await request(pages.url).get('/assets/package.json').expect(404);
  });

  it('the JSON API keeps bearer tokens and problem documents', async () => {
    const response = await request(pages.url).get('/recommendations/P-1').expect(401);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('a users file that is not a list of users stops the start with what is wrong', async () => {
    const file = join(pages.dataDir, 'bad-users.json');
    writeFileSync(file, JSON.stringify([{ id: 'x', name: 'X', role: 'superuser' }]));
    await expect(startPages({ USERS_FILE: file })).rejects.toThrow(/entry 1: "role" must be one of owner, liaison, dcc, hmicfrs, auditor/);
  });

  it('a users file naming a part of the system (the reminders, an import) stops the start: nobody signs in as one', async () => {
    const file = join(pages.dataDir, 'system-users.json');
    writeFileSync(file, JSON.stringify([{ id: 'system:reminders', name: 'Reminders', role: 'dcc' }]));
    await expect(startPages({ USERS_FILE: file })).rejects.toThrow(
      /entry 1: "id" system:reminders names a part of this system, not a person/,
    );
  });
});

describe('signing in with a token (JWT_SECRET set: no choosing users)', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('a valid token signs in; a bad one is a validation error', async () => {
    const agent = request.agent(api.url);
    const form = await agent.get('/app/sign-in').expect(200);
    expect(form.text).not.toContain('Who are you?');
    const token = api.bearer('dcc-green', 'dcc').replace('Bearer ', '');
    const bad = await agent
      .post('/app/sign-in/token')
      .type('form')
      .send({ _csrf: csrfOf(form.text), token: 'not-a-token' })
      .expect(422);
    expect(bad.text).toContain('That token cannot be used');
    await agent
      .post('/app/sign-in')
      .type('form')
      .send({ _csrf: csrfOf(form.text), user: 'flo-fletcher' })
      .expect(400);
    await agent
      .post('/app/sign-in/token')
      .type('form')
      .send({ _csrf: csrfOf(form.text), token: `Bearer ${token}`, next: '/app/inspection-reports' })
      .expect(303);
    const reports = await agent.get('/app/inspection-reports').expect(200);
    expect(reports.text).toContain('Signed in as <strong>dcc-green</strong> (Deputy Chief Constable)');
  });
});
