import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { Clock } from '@hmicfrs/clock';
import { loadConfig } from '@hmicfrs/config';
import { PeopleDirectory } from '@hmicfrs/workflow';
import { createHttpApp } from '../../../apps/api/src/http-app';
import { addPeople, type TestPerson } from '../../support/people';

export interface RunningPages {
  app: NestFastifyApplication;
  url: string;
  dataDir: string;
  /** Adds people to the directory as the liaison officer does, through the app's own PeopleDirectory. */
  addPeople(...people: TestPerson[]): Promise<void>;
  close(): Promise<void>;
}

/** `dataDir`: another running app's, for a second instance over the same store (left for that app to remove); `clock`: the one clock, for a test that moves time on. */
export interface PagesOptions {
  people?: TestPerson[];
  dataDir?: string;
  clock?: Clock;
}

/**
 * The real API and its pages in local sign-in mode (no JWT_SECRET: the demo users of
 * DATA_DIR/users.json may sign in by name), on a fresh embedded store. `people`: whom the test's
 * items belong to, added to the directory first (a demo user is added anyway by their first sign-in).
 */
export async function startPages(
  env: Record<string, string> = {},
  { people = [], dataDir: shared, clock }: PagesOptions = {},
): Promise<RunningPages> {
  const dataDir = shared ?? mkdtempSync(join(tmpdir(), 'hmicfrs-pages-'));
  const config = loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: 'session-secret-'.padEnd(48, 'x'), PORT: '0', ...env });
  const app = await createHttpApp(config, { logger: false, clock });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const directory = app.get(PeopleDirectory, { strict: false });
  const running: RunningPages = {
    app,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    addPeople: (...more) => addPeople(directory, more),
    async close() {
      await app.close();
      if (shared === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await running.addPeople(...people);
  return running;
}

/** The CSRF token of the first form on a page. */
export function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('The page has no CSRF token');
  return token;
}

/** A browser-like client (it keeps cookies) signed in as one of the demo users. */
export async function signedIn(url: string, userId: string): Promise<request.Agent> {
  const agent = request.agent(url);
  const page = await agent.get('/app/sign-in').expect(200);
  await agent
    .post('/app/sign-in')
    .type('form')
    .send({ _csrf: csrfOf(page.text), user: userId, next: '/app/inspection-reports' })
    .expect(303);
  return agent;
}

/** Opens a form page and posts it with its own CSRF token (and hidden fields), as a browser would. */
export async function submitForm(agent: request.Agent, formPage: string, fields: Record<string, string>): Promise<request.Response> {
  const page = await agent.get(formPage).expect(200);
  const hidden = Object.fromEntries(
    [...page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
  );
  const action = /<form method="post" action="([^"]+)"/.exec(page.text.slice(page.text.indexOf('<main')))?.[1];
  if (!action) throw new Error(`${formPage} has no form`);
  return agent
    .post(action)
    .type('form')
    .send({ ...hidden, ...fields });
}

/** The inspection report form, filled in as the liaison officer records the PEEL report published 29 September 2023. */
export const PEEL_REPORT_FORM = {
  title: 'PEEL 2023–25',
  id: 'peel-2023',
  reportType: 'peel',
  'publishedOn-day': '29',
  'publishedOn-month': '9',
  'publishedOn-year': '2023',
};

/** The form recording recommendation P-1 of that report, owned by Supt Patel. */
export const P1_ITEM_FORM = {
  reference: 'P-1',
  kind: 'recommendation',
  text: 'Identify repeat victims',
  level: '3',
  addressee: 'Chief Constables',
  portfolio: 'Public Protection',
  owner: 'supt-patel',
};

/** The inspection report form, filled in as the liaison officer records a thematic report published 3 March 2023. */
export const SOC_REPORT_FORM = {
  title: 'Serious and organised crime',
  id: 'soc-2023',
  reportType: 'thematic',
  'publishedOn-day': '3',
  'publishedOn-month': '3',
  'publishedOn-year': '2023',
};
