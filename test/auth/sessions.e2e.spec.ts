import request from 'supertest';
import { sessionsStream } from '@hmicfrs/lifecycle';
import { EVENT_STORE, type EventStore } from '@hmicfrs/event-store';
import { csrfOf, startPages, type RunningPages } from '../pages/support/running-pages';

/**
 * Revocable sessions (docs/architecture.md, "Sessions"): two API instances over one data directory
 * (one SQLite store), each with its own memory, and the one clock moved on by the test.
 */
describe('sessions on the web pages, over two instances of the API', () => {
  let now = Date.now();
  const clock = () => new Date(now);
  const later = (minutes: number) => (now += minutes * 60_000);
  let a: RunningPages;
  let b: RunningPages;

  beforeAll(async () => {
    const quiet = { SEALER: 'false', REMINDERS_DAILY_AT: 'off' };
    a = await startPages(quiet, { clock });
    b = await startPages(quiet, { clock, dataDir: a.dataDir });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  /** A browser signed in on one instance: its cookies, to be sent to either. */
  async function browser(on: RunningPages, userId: string): Promise<string> {
    const form = await request(on.url).get('/app/sign-in').expect(200);
    const csrfCookie = cookiesOf(form.headers);
    const signedIn = await request(on.url)
      .post('/app/sign-in')
      .set('Cookie', csrfCookie)
      .type('form')
      .send({ _csrf: csrfOf(form.text), user: userId, next: '/app/home' })
      .expect(303);
    return `${csrfCookie}; ${cookiesOf(signedIn.headers)}`;
  }

  /** 200 for a live session; a session that is not is sent to sign in. */
  async function home(on: RunningPages, cookies: string): Promise<number | string> {
    const response = await request(on.url).get('/app/home').set('Cookie', cookies);
    return response.status === 303 ? (response.headers.location as string).replace(/\?.*/, '') : response.status;
  }

  /** Posts the form at `action` as a browser would: with a token from a page of the same session. */
  async function post(on: RunningPages, cookies: string, action: string, page = '/app/home'): Promise<request.Response> {
    const shown = await request(on.url).get(page).set('Cookie', cookies).expect(200);
    return request(on.url)
      .post(action)
      .set('Cookie', cookies)
      .type('form')
      .send({ _csrf: csrfOf(shown.text) });
  }

  it('a session signed out on one instance fails on its next request, there and on the other', async () => {
    const cookies = await browser(a, 'supt-patel');
    expect([await home(a, cookies), await home(b, cookies)]).toEqual([200, 200]);
    const out = await post(b, cookies, '/app/sign-out');
    expect([out.status, out.headers.location]).toEqual([303, '/app/sign-in?signedOut=yes']);
    // The old cookie replayed as it was, to both.
    expect([await home(a, cookies), await home(b, cookies)]).toEqual(['/app/sign-in', '/app/sign-in']);
  });

  it('records SessionStarted and SessionEnded on the person’s sessions stream, at the one clock’s time', async () => {
    const store = a.app.get<EventStore>(EVENT_STORE);
    const events = await store.readStream(sessionsStream('supt-patel'));
    expect(events.map((event) => event.type)).toEqual(['SessionStarted', 'SessionEnded']);
    expect(events[0].data).toMatchObject({
      personId: 'supt-patel',
      role: 'owner',
      signedInWith: 'users-file',
      startedAt: clock().toISOString(),
    });
    expect(events[1].data).toMatchObject({ because: 'signed-out', sessionId: (events[0].data as { sessionId: string }).sessionId });
  });

  it('"sign out everywhere" ends every session of the person, on both instances, and nobody else’s', async () => {
    const laptop = await browser(a, 'dcc-green');
    const phone = await browser(b, 'dcc-green');
    const someoneElse = await browser(a, 'hmi-cooper');
    const out = await post(a, phone, '/app/sign-out/everywhere');
    expect(out.status).toBe(303);
    expect([await home(a, laptop), await home(b, laptop), await home(a, phone), await home(b, phone)]).toEqual(
      Array(4).fill('/app/sign-in'),
    );
    expect([await home(a, someoneElse), await home(b, someoneElse)]).toEqual([200, 200]);
  });

  it("the liaison officer ends a person's sessions (POST /app/people/:id/sessions/end); nobody else may", async () => {
    const owner = await browser(a, 'ch-insp-jones');
    const liaison = await browser(b, 'flo-fletcher');
    const auditor = await browser(b, 'audit-khan');
    // The people page is a read model: it lists them once it has caught up with their first sign-in.
    const listed = async () => (await request(b.url).get('/app/people').set('Cookie', liaison).expect(200)).text;
    for (let tries = 0; tries < 100 && !(await listed()).includes('ch-insp-jones/sessions/end'); tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await listed()).toContain('action="/app/people/ch-insp-jones/sessions/end"');
    const auditorsPage = await request(b.url).get('/app/people').set('Cookie', auditor).expect(200);
    expect(auditorsPage.text).not.toContain('sessions/end');
    const notAllowed = await post(b, auditor, '/app/people/ch-insp-jones/sessions/end');
    expect(notAllowed.status).toBe(403);
    expect(await home(a, owner)).toBe(200);
    const ended = await post(b, liaison, '/app/people/ch-insp-jones/sessions/end', '/app/people');
    expect([ended.status, ended.headers.location]).toEqual([303, '/app/people?ended=ch-insp-jones&count=1']);
    expect([await home(a, owner), await home(b, owner)]).toEqual(['/app/sign-in', '/app/sign-in']);
    const banner = await request(b.url)
      .get(ended.headers.location as string)
      .set('Cookie', liaison)
      .expect(200);
    expect(banner.text).toContain('1 session ended. They must sign in again.');
    const store = a.app.get<EventStore>(EVENT_STORE);
    const last = (await store.readStream(sessionsStream('ch-insp-jones'))).at(-1)!;
    expect([last.type, (last.data as { because: string }).because, last.metadata.userId]).toEqual([
      'SessionEnded',
      'ended-by-liaison',
      'flo-fletcher',
    ]);
  });

  it('a session unused for longer than SESSION_IDLE_MINUTES (30) is ended, on whichever instance it next comes to', async () => {
    const cookies = await browser(a, 'supt-patel');
    later(20);
    expect(await home(a, cookies)).toBe(200);
    // Used on a 20 minutes ago (recorded: more than a quarter of the idle timeout since sign-in), so not idle on b.
    later(20);
    expect(await home(b, cookies)).toBe(200);
    later(29);
    expect(await home(a, cookies)).toBe(200);
    later(31);
    expect([await home(a, cookies), await home(b, cookies)]).toEqual(['/app/sign-in', '/app/sign-in']);
  });

  it('a session older than SESSION_MAX_HOURS (8) is ended however busy it has been', async () => {
    const cookies = await browser(b, 'audit-khan');
    for (let minutes = 0; minutes < 8 * 60 - 20; minutes += 20) {
      later(20);
      expect([minutes, await home(minutes % 40 === 0 ? a : b, cookies)]).toEqual([minutes, 200]);
    }
    later(21);
    expect([await home(a, cookies), await home(b, cookies)]).toEqual(['/app/sign-in', '/app/sign-in']);
  });

  it('does not record a request by request: at most one SessionSeen a quarter of the idle timeout', async () => {
    const cookies = await browser(a, 'hmi-cooper');
    for (let i = 0; i < 20; i += 1) expect(await home(i % 2 === 0 ? a : b, cookies)).toBe(200);
    const store = a.app.get<EventStore>(EVENT_STORE);
    const seen = (await store.readStream(sessionsStream('hmi-cooper'))).filter((event) => event.type === 'SessionSeen');
    expect(seen).toHaveLength(0);
  });
});

/** The `name=value` pairs a response sets, as a Cookie header sends them back. */
function cookiesOf(headers: Record<string, unknown>): string {
  const set = (headers['set-cookie'] as string[] | undefined) ?? [];
  return set
    .map((cookie) => cookie.split(';')[0])
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
}
