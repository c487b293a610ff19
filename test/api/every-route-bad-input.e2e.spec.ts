import fc from 'fast-check';
import request from 'supertest';
import { ROLES } from '@hmicfrs/auth';
import { servedRoutes, type ServedRoute } from '../../apps/api/src/http-app';
import { startApi, type RunningApi } from '../support/running-api';

/** The methods whose body Fastify parses: these routes are the ones a hostile body can reach. */
const BODY_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const wideObject = (width: number) => JSON.stringify(Object.fromEntries(Array.from({ length: width }, (_, i) => [`k${i}`, i])));

/** Raw bodies: deep, wide and odd JSON, near-misses of JSON, and nothing at all. */
const rawBody = fc.oneof(
  fc.integer({ min: 33, max: 5000 }).map(deepArray),
  fc.integer({ min: 33, max: 5000 }).map(deepObject),
  fc.integer({ min: 1001, max: 20_000 }).map(wideObject),
  fc.integer({ min: 1, max: 30 }).map((depth) => deepArray(depth)),
  fc.jsonValue({ maxDepth: 6 }).map((value) => JSON.stringify(value) ?? 'null'),
  fc.constantFrom(
    '{"__proto__":{"x":1}}',
    '{"constructor":{"prototype":{"x":1}}}',
    '{"rag":"red","rag":"green"}',
    '1e999',
    '"\\ud800"',
    '{"a":',
    '',
    '\u0000',
    'null',
    '[]',
  ),
  fc.string({ maxLength: 200 }),
);

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=latin1',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=x',
  'text/csv',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ';;;',
);

/** Header values a client could send: printable junk, long values, and near-misses of real ones. */
const headerValue = fc.oneof(
  fc.string({ maxLength: 300 }).map((value) => value.replace(/[^\x20-\x7e]/g, '')),
  fc.constantFrom('', ' ', '0', '-1', '99999999999999999999', 'W/"1"', '*', 'Bearer', 'Bearer x.y.z', 'Basic Zm9vOmJhcg=='),
);

/** An address for the route: its parameters filled with real ids, junk, or encoded oddities. */
const addressFor = (route: ServedRoute) =>
  fc
    .array(
      fc.oneof(fc.constantFrom('P-1', 'peel', 'e1', 'constructor', '__proto__', '..', '%00'), fc.string({ minLength: 1, maxLength: 50 })),
      { minLength: 4, maxLength: 4 },
    )
    .map((values) => {
      let next = 0;
      return route.url.replace(/:[A-Za-z]+|\*/g, () => encodeURIComponent(values[next++ % values.length]));
    });

describe('every route the server serves, given hostile bodies and headers, answers without a 5xx and writes nothing it refuses', () => {
  let api: RunningApi;
  let routes: readonly ServedRoute[];
  const position = async () => (await request(api.url).get('/health')).body.store.position as string | null;

  beforeAll(async () => {
    // Nothing but the requests may write: no sealer checkpoints, no reminders.
    api = await startApi({ SEALER: 'false', REMINDERS_DAILY_AT: 'off' });
    routes = servedRoutes(api.app).filter((route) => route.method !== 'HEAD');
    const liaison = api.bearer('flo', 'liaison');
    await request(api.url)
      .post('/inspections')
      .set('Authorization', liaison)
      .send({ id: 'peel', reportType: 'peel', title: 'PEEL', publishedOn: '2023-09-29' })
      .expect(201);
    await request(api.url)
      .post('/recommendations')
      .set('Authorization', liaison)
      .send({ reference: 'P-1', kind: 'recommendation', inspectionId: 'peel', text: 't', level: 3, addressee: 'CCs', portfolio: 'x' })
      .expect(201);
  });
  afterAll(() => api.close());

  it('reads the routes from the server, the API and the pages', () => {
    const urls = routes.map((route) => `${route.method} ${route.url}`);
    expect(urls).toEqual(expect.arrayContaining(['POST /recommendations/:id/rate', 'GET /health', 'POST /imports']));
    expect(urls.some((url) => url.startsWith('POST /app/'))).toBe(true);
    expect(routes.length).toBeGreaterThan(40);
  });

  it('refuses a body nested 1,300 deep, or too wide, on every route that takes a body, naming the limit', async () => {
    const before = await position();
    const withBodies = routes.filter((route) => BODY_METHODS.includes(route.method));
    expect(withBodies.length).toBeGreaterThan(20);
    for (const route of withBodies) {
      const url = route.url.replace(/:[A-Za-z]+|\*/g, 'P-1');
      for (const [body, limit] of [
        [deepArray(1300), 'depth'],
        [deepObject(1300), 'depth'],
        [wideObject(5000), 'members'],
      ]) {
        const response = await request(api.url)
          [route.method.toLowerCase() as 'post'](url)
          .set('Authorization', api.bearer('flo', 'liaison'))
          .set('Content-Type', 'application/json')
          .send(body);
        // The route beside its status, so that a failure names the route.
        expect([`${route.method} ${url}`, response.status]).toEqual([`${route.method} ${url}`, 400]);
        if (url.startsWith('/app')) expect(response.text).toContain(limit === 'depth' ? 'levels deep' : 'members');
        else expect(response.body).toMatchObject({ title: 'Body too complex', limit });
      }
    }
    expect(await position()).toBe(before);
  });

  it('random routes, addresses, bodies, media types, tokens and headers', async () => {
    const route = fc.constantFrom(...routes).chain((chosen) => fc.record({ route: fc.constant(chosen), url: addressFor(chosen) }));
    await fc.assert(
      fc.asyncProperty(
        route,
        rawBody,
        contentType,
        fc.option(fc.constantFrom(...ROLES)),
        fc.dictionary(fc.constantFrom('Idempotency-Key', 'If-Match', 'Accept', 'Cookie', 'X-Csrf-Token', 'Origin', 'Range'), headerValue),
        async ({ route: { method }, url }, body, type, role, headers) => {
          const before = await position();
          const call = request(api.url)[method.toLowerCase() as 'post'](url);
          if (role !== null) call.set('Authorization', api.bearer(role === 'owner' ? 'supt-patel' : `${role}-1`, role));
          for (const [name, value] of Object.entries(headers)) call.set(name, value);
          const response = await (BODY_METHODS.includes(method) ? call.set('Content-Type', type).send(body) : call);
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400 || !BODY_METHODS.includes(method)) expect(await position()).toBe(before);
        },
      ),
      { numRuns: 400 },
    );
  });
});
