import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { signedIn, startPages, type RunningPages } from '../pages/support/running-pages';
import { startApi, type RunningApi } from '../support/running-api';

describe('the API over HTTP', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('answers /health with the store kind and its position, the sealer and the integrity of the history, without a token', async () => {
    const response = await request(api.url).get('/health').expect(200);
    expect(response.body).toEqual({
      status: 'ok',
      store: { kind: 'sqlite', position: null },
      seal: {
        keyFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
        lastSealedPosition: null,
        lastSealedAt: null,
        lastSequence: null,
        failing: null,
      },
      // A fresh store: nothing sealed yet, so nothing to verify and nothing broken.
      integrity: {
        state: 'nothing-sealed',
        lastVerifiedSequence: null,
        lastVerifiedPosition: null,
        lastVerifiedAt: null,
        eventsVerified: 0,
        broken: [],
        failing: null,
      },
    });
  });

  it('serves the OpenAPI document at /docs', async () => {
    const response = await request(api.url).get('/docs-json').expect(200);
    expect(response.body.info.title).toBe('HMICFRS recommendations');
  });

  it('refuses a route without a token as a problem document naming what to send', async () => {
    const response = await request(api.url).get('/recommendations/9159').expect(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.detail).toMatch(/Authorization: Bearer <token>/);
  });

  it('keeps its data for its owner only: the directory 0700, every file in it 0600', () => {
    expect(statSync(api.dataDir).mode & 0o777).toBe(0o700);
    const files = readdirSync(api.dataDir);
    expect(files).toEqual(expect.arrayContaining(['events.db', 'read-models.db']));
    for (const file of files) expect([file, statSync(join(api.dataDir, file)).mode & 0o077]).toEqual([file, 0]);
  });
});

describe('a local run, with no secret configured', () => {
  let pages: RunningPages;
  beforeAll(async () => {
    pages = await startPages({ SESSION_SECRET: '' });
    // A sign-in writes the session's events and reads the users file: every file a local run makes is there.
    await signedIn(pages.url, 'flo-fletcher');
  });
  afterAll(() => pages?.close());

  it('keeps the secrets it makes, the users file and the stores for its owner only: 0600 in a 0700 directory', () => {
    expect(statSync(pages.dataDir).mode & 0o777).toBe(0o700);
    const files = readdirSync(pages.dataDir);
    expect(files).toEqual(expect.arrayContaining(['events.db', 'read-models.db', 'users.json', '.jwt-secret', '.session-secret']));
    for (const file of files) expect([file, statSync(join(pages.dataDir, file)).mode & 0o777]).toEqual([file, 0o600]);
  });
});
