import request from 'supertest';
import { startApi, type RunningApi } from '../support/running-api';

describe('the API over HTTP', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('answers /health with the store kind and its position, and the sealer, without a token', async () => {
    const response = await request(api.url).get('/health').expect(200);
    expect(response.body).toEqual({
      status: 'ok',
      store: { kind: 'sqlite', position: null },
      seal: { keyFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/), lastSealedPosition: null, lastSealedAt: null, lastSequence: null, failing: null },
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
});
