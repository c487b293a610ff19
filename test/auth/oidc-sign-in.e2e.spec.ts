import { generateKeyPair } from 'jose';
import { issueToken } from '@hmicfrs/auth';
import { InvalidConfiguration, loadConfig } from '@hmicfrs/config';
import { csrfOf } from '../pages/support/running-pages';
import type { RunningProvider } from './oidc-provider';
import { startWithProvider, type RunningOidc } from './running-oidc';

const PEOPLE = {
  dana: { name: 'Dana Green', preferred_username: 'Dana.Green@force.test', email: 'dana.green@force.test', roles: ['Recommendations.DCC'] },
  flo: {
    name: 'Flo Fletcher',
    preferred_username: 'flo.fletcher@force.test',
    email: 'flo.fletcher@force.test',
    roles: ['Recommendations.Liaison'],
  },
  pat: { name: 'Pat Nobody', preferred_username: 'pat@force.test', email: 'pat@force.test', roles: ['Payroll.Viewer'] },
};

/** A browser without the rendering: it keeps each origin's cookies and follows redirects one by one, as the sign-in flow needs. */
class Browser {
  private readonly jars = new Map<string, Map<string, string>>();

  async go(
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
    hops = 20,
  ): Promise<{ url: string; status: number; text: string; location?: string }> {
    let at = url;
    let method = init.method ?? 'GET';
    let body: string | undefined = init.form ? new URLSearchParams(init.form).toString() : undefined;
    for (let hop = 0; hop < hops; hop += 1) {
      const response = await fetch(at, {
        method,
        redirect: 'manual',
        body,
        headers: { cookie: this.cookies(at), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      });
      this.keep(at, response.headers.getSetCookie());
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location)
        return { url: at, status: response.status, text: await response.text() };
      at = new URL(location, at).toString();
      method = 'GET';
      body = undefined;
    }
    throw new Error(`More than ${hops} redirects from ${url}`);
  }

  /** One request, not following where it sends the browser. */
  async once(
    url: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<{ status: number; location: string | null }> {
    const body = init.form ? new URLSearchParams(init.form).toString() : undefined;
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      body,
      headers: { cookie: this.cookies(url), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    });
    this.keep(url, response.headers.getSetCookie());
    return { status: response.status, location: response.headers.get('location') };
  }

  cookie(url: string, name: string): string | undefined {
    return this.jars.get(new URL(url).origin)?.get(name);
  }

  private cookies(url: string): string {
    return [...(this.jars.get(new URL(url).origin) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keep(url: string, setCookies: string[]): void {
    const origin = new URL(url).origin;
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair.split('=');
      const expired = attributes.some((attribute) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(attribute));
      if (expired || value.join('=') === '') jar.delete(name.trim());
      else jar.set(name.trim(), value.join('='));
    }
    this.jars.set(origin, jar);
  }
}

/** docs/architecture.md, "Security": sign-in with the force's provider, and the API's access tokens checked against its keys. */
describe("signing in with the force's OpenID provider", () => {
  let running: RunningOidc;
  let provider: RunningProvider;
  let appUrl: string;
  let dataDir: string;

  beforeAll(async () => {
    running = await startWithProvider(PEOPLE, 'Recommendations.DCC=dcc,Recommendations.Liaison=liaison', { env: { PROJECTOR: 'false' } });
    ({ provider, url: appUrl, dataDir } = running);
  });
  afterAll(() => running?.close());

  it('goes through the whole redirect flow (code with PKCE), takes the role from the claim, acts, and signs out there too', async () => {
    const browser = new Browser();
    const signInPage = await browser.go(`${appUrl}/app/sign-in`);
    expect(signInPage.text).toContain('Sign in with your force account');
    expect(signInPage.text).not.toContain('Who are you?');

    provider.signInAs('dana');
    const start = await browser.once(`${appUrl}/app/sign-in/oidc?next=/app/approvals`);
    expect(start.location).toMatch(new RegExp(`^${provider.issuer}/auth\\?`));
    expect(new URL(start.location!).searchParams.get('code_challenge_method')).toBe('S256');
    const landed = await browser.go(new URL(start.location!).toString());
    expect(landed.url).toBe(`${appUrl}/app/approvals`);
    expect(landed.status).toBe(200);
    expect(landed.text).toContain('dana.green@force.test');

    // The DCC acts in the role the provider's claim gave: the approvals queue is theirs, the import page is not.
    expect((await browser.go(`${appUrl}/app/imports`)).status).toBe(403);

    const home = await browser.go(`${appUrl}/app/approvals`);
    const oldSession = browser.cookie(appUrl, 'session');
    expect(oldSession).toBeTruthy();
    const out = await browser.once(`${appUrl}/app/sign-out`, { method: 'POST', form: { _csrf: csrfOf(home.text) } });
    expect(out.status).toBe(303);
    const endSession = new URL(out.location!);
    expect(`${endSession.origin}${endSession.pathname}`).toBe(`${provider.issuer}/session/end`);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${appUrl}/app/sign-in?signedOut=yes`);
    expect(endSession.searchParams.get('id_token_hint')).toBeTruthy();
    const after = await browser.once(`${appUrl}/app/approvals`);
    expect(after.location).toContain('/app/sign-in');
    // The session ended here, not only in this browser: its cookie replayed as it was is refused.
    const replayed = await fetch(`${appUrl}/app/approvals`, { redirect: 'manual', headers: { cookie: `session=${oldSession}` } });
    expect([replayed.status, replayed.headers.get('location')]).toEqual([303, '/app/sign-in?next=%2Fapp%2Fapprovals']);
  });

  it('a person whose provider roles map to none of ours gets a page saying whom to ask, and no session', async () => {
    const browser = new Browser();
    provider.signInAs('pat');
    const start = await browser.once(`${appUrl}/app/sign-in/oidc`);
    const page = await browser.go(start.location!);
    expect(page.status).toBe(403);
    expect(page.text).toContain('You have no role in this service');
    expect(page.text).toContain('Ask your force liaison officer');
    expect(page.text).toContain('Payroll.Viewer');
    expect(browser.cookie(appUrl, 'session')).toBeUndefined();
  });

  it('refuses a callback that did not start here (no state kept)', async () => {
    const page = await new Browser().go(`${appUrl}/app/sign-in/callback?code=stolen&state=guessed`);
    expect(page.status).toBe(400);
    expect(page.text).toContain('sign in again');
  });

  describe('API access tokens', () => {
    const claims = { sub: 'dana', preferred_username: 'Dana.Green@force.test', roles: ['Recommendations.DCC'] };
    const get = (token: string) => fetch(`${appUrl}/approvals`, { headers: { authorization: `Bearer ${token}` } });

    it('are taken when the provider signed them for this API and they have not expired', async () => {
      const response = await get(await provider.accessToken(claims));
      expect(response.status).toBe(200);
    });

    it('expired, forged, for another audience, without a role of ours, or HS256: 401', async () => {
      const { privateKey: other } = await generateKeyPair('RS256');
      const refused = await Promise.all([
        provider.accessToken(claims, { expiresIn: Math.floor(Date.now() / 1000) - 600 }),
        provider.accessToken(claims, { key: other }),
        provider.accessToken(claims, { audience: 'another-api' }),
        provider.accessToken({ ...claims, roles: ['Payroll.Viewer'] }),
        Promise.resolve(issueToken({ userId: 'dana', role: 'dcc' }, 'jwt-secret-'.padEnd(48, 'j'))),
      ]);
      for (const token of refused) expect((await get(token)).status).toBe(401);
    });
  });

  it('local sign-in is refused at start on a network address without a provider, unless forced loudly', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0', DATA_DIR: dataDir })).toThrow(InvalidConfiguration);
  });
});
