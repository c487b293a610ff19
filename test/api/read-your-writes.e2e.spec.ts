import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { READ_MODELS_FILE } from '@hmicfrs/projections';
import { PEEL_2023, actingAs, openItem } from '../support/api-client';
import { ACTION_PLAN, CC_LETTER } from '../projections/support/http';
import { startApi, type RunningApi } from '../support/running-api';

/**
 * Read your own writes, through the real server: a command's answer names the store position of its
 * last event, and the very next read of the register, the DCC's queue or the audit trail that sends it
 * as Min-Position shows the command, even with the projector held back. The projector is slowed from
 * outside, as another writer of read-models.db would slow it: a second connection holds the write lock
 * while the command is sent and for a while after its answer.
 */
describe('read your own writes over the JSON API', () => {
  let api: RunningApi;
  let blocker: Database.Database;
  const liaison = () => actingAs(api, 'flo-fletcher', 'liaison');
  const owner = () => actingAs(api, 'supt-patel', 'owner');
  const auditor = (path: string, minPosition?: string) => {
    const get = request(api.url).get(path).set('Authorization', api.bearer('ia-khan', 'auditor'));
    return minPosition === undefined ? get : get.set('Min-Position', minPosition);
  };
  const dcc = (path: string, minPosition: string) =>
    request(api.url).get(path).set('Authorization', api.bearer('dcc-green', 'dcc')).set('Min-Position', minPosition);

  /** Sends `command` while the read models cannot be written, and lets the projector go `heldForMs` after its answer. */
  async function slowed<T>(heldForMs: number, command: () => Promise<T>): Promise<T> {
    blocker.exec('BEGIN IMMEDIATE');
    try {
      return await command();
    } finally {
      setTimeout(() => blocker.exec('COMMIT'), heldForMs);
    }
  }

  beforeAll(async () => {
    api = await startApi({}, { people: ['supt-patel'] });
    await liaison().post('/inspections', PEEL_2023).expect(201);
    blocker = new Database(join(api.dataDir, READ_MODELS_FILE));
  });
  afterAll(async () => {
    if (blocker.inTransaction) blocker.exec('COMMIT');
    blocker.close();
    await api.close();
  });

  it('answers a command with the position of its last event, in Store-Position and the body', async () => {
    await openItem(api, 'RW-0');
    const rated = await owner().post('/recommendations/RW-0/rate', { rag: 'green' }).expect(200);
    expect(rated.headers['store-position']).toMatch(/^\d+$/);
    expect(rated.body.position).toBe(rated.headers['store-position']);
    const again = await owner().post('/recommendations/RW-0/note', { text: 'x' }, { 'Idempotency-Key': 'k-1' }).expect(200);
    const replayed = await owner().post('/recommendations/RW-0/note', { text: 'x' }, { 'Idempotency-Key': 'k-1' }).expect(200);
    expect(replayed.body).toMatchObject({ replayed: true, position: again.body.position });
    expect(replayed.headers['store-position']).toBe(again.headers['store-position']);
  });

  it('shows a rating in the register on the very next read, 5 times of 5, with the projector held back 300 ms', async () => {
    for (let i = 1; i <= 5; i += 1) {
      const reference = `RW-R${i}`;
      await openItem(api, reference);
      const rated = await slowed(300, () => owner().post(`/recommendations/${reference}/rate`, { rag: 'red' }).expect(200));
      const started = Date.now();
      const register = await auditor(`/recommendations?rag=red&limit=100`, rated.body.position).expect(200);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(register.headers['read-models-behind']).toBeUndefined();
      expect(register.body.items.map((item: { reference: string }) => item.reference)).toContain(reference);
    }
  });

  it('shows a submission in the DCC’s queue and a note in the audit trail on the very next read, 5 times of 5', async () => {
    for (let i = 1; i <= 5; i += 1) {
      const reference = `RW-Q${i}`;
      await openItem(api, reference, { level: 2 });
      await owner().post(`/recommendations/${reference}/rate`, { rag: 'amber' }).expect(200);
      await owner().post(`/recommendations/${reference}/evidence`, ACTION_PLAN).expect(200);
      await owner().post(`/recommendations/${reference}/evidence`, CC_LETTER).expect(200);
      const submitted = await slowed(300, () => owner().post(`/recommendations/${reference}/submit`).expect(200));
      const queue = await dcc('/approvals?limit=100', submitted.body.position).expect(200);
      expect(queue.body.items.map((item: { reference: string }) => item.reference)).toContain(reference);

      const noted = await slowed(300, () =>
        owner()
          .post(`/recommendations/${reference}/note`, { text: `note ${i}` })
          .expect(200),
      );
      const trail = await auditor(`/audit?item=${reference}`, noted.body.position).expect(200);
      expect(trail.body.entries.map((entry: { type: string }) => entry.type)).toContain('ProgressNoted');
    }
  });

  it('answers with what the read models hold, saying they are behind, when they do not get there within a second', async () => {
    await openItem(api, 'RW-B');
    const rated = await slowed(1500, () => owner().post('/recommendations/RW-B/rate', { rag: 'green' }).expect(200));
    const started = Date.now();
    const register = await auditor('/recommendations?rag=green&limit=100', rated.body.position).expect(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(register.headers['read-models-behind']).toMatch(/^\d+$/);
    expect(BigInt(register.headers['read-models-behind'])).toBeLessThan(BigInt(rated.body.position));
    expect(register.body.items.map((item: { reference: string }) => item.reference)).not.toContain('RW-B');
    await new Promise((resolve) => setTimeout(resolve, 600));
    const later = await auditor('/recommendations?rag=green&limit=100', rated.body.position).expect(200);
    expect(later.headers['read-models-behind']).toBeUndefined();
    expect(later.body.items.map((item: { reference: string }) => item.reference)).toContain('RW-B');
  });

  it.each(['abc', '-1', '1.5', '', '18446744073709551616', '99999999999999999999999'])(
    'refuses Min-Position %j with a 400 naming it',
    async (value) => {
      const refused = await auditor('/recommendations', value).expect(400);
      expect(refused.body.detail).toMatch(/Min-Position/);
    },
  );

  it('refuses a request without a token before it looks at its Min-Position', async () => {
    await request(api.url).get('/recommendations').set('Min-Position', 'abc').expect(401);
  });

  it('reads as before without Min-Position, and at once for a position already passed', async () => {
    await api.readModelsCaughtUp();
    const plain = await auditor('/audit').expect(200);
    expect(plain.headers['read-models-behind']).toBeUndefined();
    const started = Date.now();
    await auditor('/audit', '1').expect(200);
    expect(Date.now() - started).toBeLessThan(200);
  });
});
