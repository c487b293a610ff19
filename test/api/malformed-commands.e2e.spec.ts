import fc from 'fast-check';
import request from 'supertest';
import { ROLES } from '@hmicfrs/auth';
import { COMMAND_ENTRIES } from '../../apps/api/src/commands/lifecycle-commands';
import { startApi, type RunningApi } from '../support/running-api';

/** Every POST route of a lifecycle command, from the one table they are made from (a new command is fuzzed the day it is added). */
const COMMAND_PATHS = COMMAND_ENTRIES.filter((entry) => entry.deleteAt === undefined).map((entry) => entry.verb);

/** Bodies a careless or hostile client might send: random JSON, near-misses of real ones, and junk. */
const body = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      rag: fc.oneof(fc.constantFrom('red', 'amber', 'green'), fc.string(), fc.integer()),
      text: fc.oneof(fc.string(), fc.constant(''), fc.integer()),
      level: fc.oneof(fc.integer({ min: -2, max: 6 }), fc.double(), fc.string()),
      reason: fc.oneof(fc.string(), fc.constant(null)),
      dueDate: fc.oneof(fc.constant('2024-02-30'), fc.constant('2025-01-01'), fc.string()),
      occurredAt: fc.oneof(
        fc.constant('2999-01-01T00:00:00Z'),
        fc.constant('2020-01-01T00:00:00Z'),
        fc.string(),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      ),
      sha256: fc.oneof(fc.constant('a'.repeat(64)), fc.string()),
      evidenceId: fc.oneof(fc.constant('e1'), fc.string()),
      title: fc.string(),
      owner: fc.oneof(fc.constant('supt-patel'), fc.string()),
      otherId: fc.oneof(fc.constant('P-1'), fc.string()),
      relation: fc.oneof(fc.constant('shares_evidence'), fc.string()),
      addressedTo: fc.string(),
      isChiefConstableLetter: fc.oneof(fc.boolean(), fc.string()),
      __proto__: fc.jsonValue(),
      constructor: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ),
);

const itemId = fc.oneof(fc.constantFrom('P-1', 'P-2', 'nope'), fc.string({ minLength: 1, maxLength: 300 }));

describe('whatever a client sends, the API answers without a 500 and a refusal writes nothing', () => {
  let api: RunningApi;
  const position = async () => (await request(api.url).get('/health')).body.store.position;

  beforeAll(async () => {
    api = await startApi({}, { people: ['supt-patel', 'ch-insp-jones'] });
    const liaison = api.bearer('flo', 'liaison');
    await request(api.url)
      .post('/inspections')
      .set('Authorization', liaison)
      .send({ id: 'peel', reportType: 'peel', title: 'PEEL', publishedOn: '2023-09-29' })
      .expect(201);
    for (const reference of ['P-1', 'P-2']) {
      await request(api.url)
        .post('/recommendations')
        .set('Authorization', liaison)
        .send({
          reference,
          kind: 'recommendation',
          inspectionId: 'peel',
          text: 't',
          level: 3,
          addressee: 'CCs',
          portfolio: 'x',
          owner: 'supt-patel',
        })
        .expect(201);
    }
  });
  afterAll(() => api.close());

  it('lifecycle commands with random bodies, ids, roles and headers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...COMMAND_PATHS),
        itemId,
        body,
        fc.constantFrom(...ROLES),
        fc.option(fc.string({ maxLength: 250 })),
        fc.option(fc.oneof(fc.string(), fc.nat().map(String))),
        async (command, id, payload, role, idempotencyKey, ifMatch) => {
          const before = await position();
          const call = request(api.url)
            .post(`/recommendations/${encodeURIComponent(id)}/${command}`)
            .set('Authorization', api.bearer(role === 'owner' ? 'supt-patel' : `${role}-1`, role));
          if (idempotencyKey !== null) call.set('Idempotency-Key', idempotencyKey.replace(/[\r\n]/g, ''));
          if (ifMatch !== null) call.set('If-Match', ifMatch.replace(/[\r\n]/g, ''));
          const response = await call.set('Content-Type', 'application/json').send(JSON.stringify(payload));
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400) {
            expect(response.body.detail).toEqual(expect.any(String));
            expect(await position()).toBe(before);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an occurredAt without a zone is a 400 naming the problem, and writes nothing', async () => {
    const before = await position();
    const response = await request(api.url)
      .post('/recommendations/P-1/rate')
      .set('Authorization', api.bearer('supt-patel', 'owner'))
      .send({ rag: 'red', occurredAt: '2024-06-25T10:00:00' })
      .expect(400);
    expect(response.body.detail).toMatch(/occurredAt must be a day \(2024-06-25\) or a date-time with its zone/);
    expect(await position()).toBe(before);
  });

  it('bodies that are not JSON at all', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string(),
        fc.constantFrom('application/json', 'text/plain', 'application/xml', 'multipart/form-data'),
        async (raw, type) => {
          const before = await position();
          const response = await request(api.url)
            .post('/recommendations/P-1/rate')
            .set('Authorization', api.bearer('supt-patel', 'owner'))
            .set('Content-Type', type)
            .send(raw);
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400) expect(await position()).toBe(before);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('opening items and recording reports with random bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/recommendations', '/inspections'), fc.jsonValue(), async (path, payload) => {
        const before = await position();
        const response = await request(api.url)
          .post(path)
          .set('Authorization', api.bearer('flo', 'liaison'))
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(payload));
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(await position()).toBe(before);
      }),
      { numRuns: 150 },
    );
  });
});
