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
