import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@hmicfrs/event-store';
import { storedCheckpoints } from '@hmicfrs/seal';
import { startApi, type RunningApi } from '../support/running-api';
import { writeRegister } from '../../libs/seal/test/support/sealed-store';

/** The API seals as it goes: every SEAL_EVERY_EVENTS events, straight to the seal stream; /health says how far. */
describe('the sealer inside the API', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({ SEAL_EVERY_EVENTS: '5', SEAL_EVERY_MINUTES: '0' });
  });
  afterAll(() => api.close());

  it('writes a checkpoint whenever 5 events are unsealed and reports the last on /health', async () => {
    const store = api.app.get<EventStore>(EVENT_STORE);
    await writeRegister(store); // 15 events, one append after another
    // Fewer than 5 may be left unsealed (the timer is off); so at least 11 of the 15 are sealed.
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const { checkpoints } = await storedCheckpoints(store);
      const health = (await request(api.url).get('/health').expect(200)).body;
      if ((checkpoints.at(-1)?.count ?? 0) >= 11 && health.seal.lastSequence === checkpoints.length) {
        expect(checkpoints.every((checkpoint) => checkpoint.rangeCount <= 5)).toBe(true);
        expect(health.seal).toMatchObject({ lastSealedPosition: checkpoints.at(-1)!.position, failing: null });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the API did not seal 11 of 15 events within 5 s');
  });
});

describe('the committee paper', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({ SEAL_EVERY_EVENTS: '1', SEAL_EVERY_MINUTES: '0' });
  });
  afterAll(() => api.close());

  it('every format of the JAC report ends with the latest checkpoint, read from the seal stream', async () => {
    const liaison = api.bearer('flo-fletcher', 'liaison');
    await request(api.url)
      .post('/inspections')
      .set('Authorization', liaison)
      .send({ id: 'peel-2023', reportType: 'peel', title: 'PEEL 2023–25', publishedOn: '2023-09-29' })
      .expect(201);
    await request(api.url)
      .post('/recommendations')
      .set('Authorization', liaison)
      .send({
        reference: 'R-1',
        kind: 'recommendation',
        inspectionId: 'peel-2023',
        text: 'x',
        level: 3,
        addressee: 'Chief Constables',
        portfolio: 'Crime',
      })
      .expect(201);
    await api.readModelsCaughtUp();
    // Both events sealed (one checkpoint each) before the report is asked for; a busy machine may take a while.
    for (let attempt = 0; attempt < 600 && ((await request(api.url).get('/health')).body.seal.lastSequence ?? 0) < 2; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const { checkpoints } = await storedCheckpoints(api.app.get<EventStore>(EVENT_STORE));
    const latest = checkpoints.at(-1)!;
    const auditor = api.bearer('audit-khan', 'auditor');
    const query = 'asAt=2024-06-27&previous=2024-03-21&since=2023-08-01';
    const words =
      `Sealed by checkpoint #${latest.sequence} (${latest.sealedAt}): ${latest.count} events to position ${latest.position}, ` +
      `root ${latest.root}, key ${latest.keyFingerprint.slice(0, 16)}, signature ${latest.signature.slice(0, 16)}.`;
    const md = await request(api.url).get(`/reports/jac?${query}&format=md`).set('Authorization', auditor).expect(200);
    expect(md.text.trimEnd().split('\n').at(-1)).toBe(words);
    const csv = await request(api.url).get(`/reports/jac?${query}&format=csv`).set('Authorization', auditor).expect(200);
    expect(csv.text.trimEnd().split('\r\n').at(-1)).toBe(`seal,,"${words}",,,${latest.count},,,,,`);
    const html = await request(api.url).get(`/reports/jac?${query}&format=html`).set('Authorization', auditor).expect(200);
    // The words hold nothing HTML escapes (a base64 signature's + and / included).
    expect(html.text).toContain(`<footer><p class="seal">${words}</p></footer>`);
  });
});
