import type { Browser, Page } from 'playwright-core';
import { csv, row } from '../import/import-fixture';
import { PEEL_2023 } from '../support/api-client';
import { expectText, launchChromium, reloadUntil } from '../pages/support/browser';
import type { RunningProvider, TestPerson } from './oidc-provider';
import { startWithProvider, type RunningOidc } from './running-oidc';

jest.setTimeout(180_000);

const PEOPLE = {
  asha: {
    name: 'Supt Asha Patel',
    preferred_username: 'Asha.Patel@force.test',
    email: 'asha.patel@force.test',
    roles: ['Recommendations.Owner'],
  },
  dana: {
    name: 'DCC Dana Green',
    preferred_username: 'dana.green@force.test',
    email: 'dana.green@force.test',
    roles: ['Recommendations.DCC'],
  },
  flo: {
    name: 'Flo Fletcher',
    preferred_username: 'flo.fletcher@force.test',
    email: 'flo.fletcher@force.test',
    roles: ['Recommendations.Liaison'],
  },
  sam: {
    name: 'Sam Cooper',
    preferred_username: 'sam.cooper@force.test',
    email: 'sam.cooper@force.test',
    roles: ['Recommendations.HMICFRS'],
  },
  reminders: { name: 'Reminders', preferred_username: 'System:Reminders', email: 'reminders@force.test', roles: ['Recommendations.DCC'] },
} satisfies Record<string, TestPerson>;
const HELD = { location: 'Force file share', description: 'Held by the force' };

/**
 * Issue 13's "Done means", in a real browser: Chromium signs in at a real OpenID provider's own login and
 * consent pages (oidc-provider, started here), comes back with the role the provider's `roles` claim
 * gives, acts, and signs out here and there (RP-initiated logout). API clients use the provider's access
 * tokens; separation of duties holds by person whatever the letters' case of the provider's names, and
 * no account may pass for a part of the system. An import names the liaison officer who ran it. Expired,
 * forged and wrong-audience tokens: oidc-sign-in.e2e.spec.ts; revocation across instances: sessions.e2e.spec.ts.
 */
/** HMICFRS verifies at an inspection. */
const AT_INSPECTION = { inspectionName: 'PEEL 2025 fieldwork' };

describe("a real browser signed in by the force's OpenID provider", () => {
  let running: RunningOidc;
  let provider: RunningProvider;
  let appUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    running = await startWithProvider(
      PEOPLE,
      'Recommendations.Owner=owner,Recommendations.Liaison=liaison,Recommendations.DCC=dcc,Recommendations.HMICFRS=hmicfrs',
      { env: { SEALER: 'false', REMINDERS_DAILY_AT: 'off' }, pages: true },
    );
    ({ provider, url: appUrl } = running);
    browser = await launchChromium();
    await as('flo').post('/inspections', PEEL_2023, 201);
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  /** The API as an API client of the provider's: its access token, with the person's claims (`claims` to change them). */
  function as(who: keyof typeof PEOPLE, claims: Partial<TestPerson> = {}) {
    const call = async (method: string, path: string, body: object | undefined, status: number) => {
      const person = { ...PEOPLE[who], ...claims };
      const token = await provider.accessToken({ sub: who, ...person });
      const response = await fetch(`${appUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const answer = (await response.json()) as Record<string, unknown>;
      if (response.status !== status)
        throw new Error(`${method} ${path}: expected ${status}, got ${response.status} ${JSON.stringify(answer)}`);
      return answer;
    };
    return {
      post: (path: string, body: object = {}, status = 200) => call('POST', path, body, status),
      get: (path: string, status = 200) => call('GET', path, undefined, status),
    };
  }

  /** A level 3 recommendation owned by Asha Patel, with its evidence, submitted by her over the API. */
  async function submittedByAsha(reference: string): Promise<void> {
    await as('flo').post(
      '/recommendations',
      {
        reference,
        kind: 'recommendation',
        inspectionId: PEEL_2023.id,
        text: `Recommendation ${reference}`,
        level: 3,
        addressee: 'Chief Constables',
        portfolio: 'Public Protection',
        owner: 'asha.patel@force.test',
      },
      201,
    );
    const asha = as('asha');
    await asha.post(`/recommendations/${reference}/rate`, { rag: 'green' });
    await asha.post(`/recommendations/${reference}/evidence`, {
      evidenceId: 'plan',
      title: 'Action plan',
      ...HELD,
      sha256: 'b'.repeat(64),
    });
    const letter = {
      evidenceId: 'cc-letter',
      title: 'Chief Constable letter',
      ...HELD,
      sha256: 'a'.repeat(64),
      isChiefConstableLetter: true,
    };
    await asha.post(`/recommendations/${reference}/evidence`, letter);
    await asha.post(`/recommendations/${reference}/submit`);
  }

  /**
   * A fresh browser profile goes to the service, is sent to sign in, takes the button to the provider,
   * types the person's sign-in name on the provider's login page and allows the service on its consent
   * page; it lands where it set out for.
   */
  async function signIn(signInName: string, start = '/app/home'): Promise<Page> {
    const page = await signInAt(signInName, start);
    await page.waitForURL((url) => url.origin === appUrl && !url.pathname.startsWith('/app/sign-in'));
    expect(new URL(page.url()).pathname).toBe(start);
    return page;
  }

  /** The same, up to the provider sending the browser back. */
  async function signInAt(signInName: string, start = '/app/home'): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${appUrl}${start}`);
    await page.waitForURL(/\/app\/sign-in/);
    await page.getByRole('button', { name: 'Sign in with your force account' }).click();
    await page.waitForURL(`${provider.issuer}/interaction/**`);
    await page.getByRole('heading', { name: 'Sign in to your force account' }).waitFor();
    await page.getByLabel('Sign-in name').fill(signInName);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'recommendations asks for your account' }).waitFor();
    await page.getByRole('button', { name: 'Allow' }).click();
    return page;
  }

  /** "Sign out" (or "Sign out everywhere"), confirmed on the provider's own sign-out page: the browser comes back to sign in. */
  async function signOut(page: Page, button: 'Sign out' | 'Sign out everywhere'): Promise<void> {
    await page.getByRole('button', { name: button, exact: true }).click();
    await page.waitForURL(`${provider.issuer}/session/end**`);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${appUrl}/app/sign-in?signedOut=yes`);
    await expectText(page, 'You have signed out.');
  }

  it('the owner signs in at the provider, gets the owner role from the claim, records a progress note, and signs out there too', async () => {
    const page = await signIn('asha.patel@FORCE.test');
    await expectText(page, 'Needs you');
    expect(await page.locator('.app-signed-in__who').textContent()).toMatch(/Signed in as\s+Supt Asha Patel\s+\(Recommendation owner\)/);

    // Her first sign-in put her in the directory, from the provider's claims: an item can now be hers.
    await as('flo').post(
      '/recommendations',
      {
        reference: 'N-1',
        kind: 'recommendation',
        inspectionId: PEEL_2023.id,
        text: 'Recommendation N-1',
        level: 3,
        addressee: 'Chief Constables',
        portfolio: 'Public Protection',
        owner: 'Asha.Patel@force.test',
      },
      201,
    );
    await page.goto(`${appUrl}/app/items/N-1`);
    await page.getByRole('button', { name: 'Add a progress note' }).click();
    await page.getByLabel('Progress').fill('Vetting backlog down to 40 cases');
    await page.getByRole('button', { name: 'Add the note' }).click();
    await expectText(page, 'Add a progress note: done.');
    const timeline = (await page.getByTestId('timeline').textContent())!.replace(/\s+/g, ' ');
    expect(timeline).toMatch(/Supt Asha Patel.*Vetting backlog down to 40 cases/);
    const history = (await as('flo').get('/recommendations/N-1/history')) as { events: { type: string; causedBy: string }[] };
    expect(history.events.find((event) => event.type === 'ProgressNoted')?.causedBy).toBe('asha.patel@force.test');

    // "Sign out" posts here and the browser is sent on to the provider: the pages' forms may lead there, and nowhere else.
    const csp = (await fetch(`${appUrl}/app/sign-in`)).headers.get('content-security-policy');
    expect(csp).toContain(`form-action 'self' ${provider.issuer};`);
    await signOut(page, 'Sign out');
    // Signed out there too: going back in asks the provider's login page again, not a silent sign-in.
    await page.getByRole('button', { name: 'Sign in with your force account' }).click();
    await page.getByRole('heading', { name: 'Sign in to your force account' }).waitFor();
    await page.context().close();
  });

  it('the DCC approves in the browser; neither the submitter in other letters nor the approver as HMICFRS nor the system may decide', async () => {
    await submittedByAsha('S-1');
    // The submitter, named by the provider in capitals, holding the DCC role: still the submitter.
    const submitter = await as('asha', { preferred_username: 'ASHA.PATEL@FORCE.TEST', roles: ['Recommendations.DCC'] }).post(
      '/recommendations/S-1/approve',
      {},
      422,
    );
    expect(submitter.detail).toBe('The DCC who approves cannot be the officer who submitted');
    // Nor does any part of the system (the reminders, an import's stand-in for the DCC): no token may even name one.
    for (const part of ['system:reminders', 'import:tracker:dcc']) {
      const refused = await as('dana', { preferred_username: part }).post('/recommendations/S-1/approve', {}, 401);
      expect(refused.detail).toContain(`${part} names a part of this system, not a person`);
    }

    const dcc = await signIn('Dana.Green@force.test', '/app/approvals');
    expect(await dcc.locator('.app-signed-in__who').textContent()).toMatch(/DCC Dana Green\s+\(Deputy Chief Constable\)/);
    const card = dcc.getByTestId('awaiting-approval').filter({ hasText: 'S-1' });
    await reloadUntil(dcc, () => card);
    await card.getByRole('link', { name: 'Approve' }).click();
    await expectText(dcc, 'Submitted by Supt Asha Patel');
    await dcc.getByRole('button', { name: 'Approve' }).click();
    await dcc.waitForURL(/\/app\/approvals\?/);
    await expectText(dcc, 'Approve: done for S-1.');
    await dcc.context().close();

    // Whoever approved as DCC never verifies as HMICFRS, in whatever letters the provider names them.
    const approver = await as('dana', { preferred_username: 'DANA.Green@Force.Test', roles: ['Recommendations.HMICFRS'] }).post(
      '/recommendations/S-1/verify',
      AT_INSPECTION,
      422,
    );
    expect(approver.detail).toBe('Whoever approved the submission as DCC cannot verify it for HMICFRS');
    await as('sam', { preferred_username: 'import:tracker:hmicfrs' }).post('/recommendations/S-1/verify', AT_INSPECTION, 401);
    const verified = await as('sam').post('/recommendations/S-1/verify', AT_INSPECTION);
    expect(verified.status).toBe('hmicfrs_verified');
    const history = (await as('flo').get('/recommendations/S-1/history')) as { events: { type: string; causedBy: string }[] };
    expect(history.events.filter((event) => /SelfCertified|HmicfrsVerified/.test(event.type)).map((event) => event.causedBy)).toEqual([
      'dana.green@force.test',
      'sam.cooper@force.test',
    ]);
  });

  it('an account the provider names as a part of the system (system:reminders) is refused a session', async () => {
    const page = await signInAt('System:Reminders');
    await page.waitForURL(`${appUrl}/app/sign-in/callback**`);
    await expectText(page, "The provider's account system:reminders names a part of this system, not a person");
    expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain('session');
    await page.context().close();
  });

  it('an import run by the liaison officer names her, from the provider’s claims, on the timeline and in the history API', async () => {
    await as('flo').post('/people', { id: 'ch-insp-jones', name: 'Ch Insp Rhys Jones', roles: ['owner'] }, 201);
    const flo = await signIn('flo.fletcher@force.test', '/app/imports');
    await flo.getByLabel('Import every row, or none').check();
    const tracker = csv([row({ reference: 'I-1', status: 'self_certified' })]);
    await flo.getByLabel('Register file').setInputFiles({ name: 'tracker.csv', mimeType: 'text/csv', buffer: tracker });
    await flo.getByRole('button', { name: 'Continue' }).click();
    await expectText(flo, 'Register imported');
    await flo.goto(`${appUrl}/app/items/I-1`);
    const timeline = (await flo.getByTestId('timeline').textContent())!.replace(/\s+/g, ' ');
    expect(timeline).toContain('DCC approval at level 2, from tracker.csv row 2, imported by Flo Fletcher');
    await flo.context().close();

    const history = (await as('sam').get('/recommendations/I-1/history')) as {
      events: { type: string; causedBy: string; imported: unknown }[];
    };
    expect(history.events.length).toBeGreaterThan(1);
    for (const event of history.events) {
      expect(event).toMatchObject({
        causedBy: 'flo.fletcher@force.test',
        imported: { fileName: 'tracker.csv', row: 2, importedBy: 'flo.fletcher@force.test' },
      });
    }
  });

  it('"Sign out everywhere" in one browser ends the session of another: its next request is sent to sign in', async () => {
    const laptop = await signIn('sam.cooper@force.test');
    const phone = await signIn('sam.cooper@force.test');
    expect(await laptop.getByRole('heading', { name: 'Needs you' }).count()).toBe(1);
    await signOut(phone, 'Sign out everywhere');
    await laptop.reload();
    expect(new URL(laptop.url()).pathname).toBe('/app/sign-in');
    await laptop.context().close();
    await phone.context().close();
  });
});
