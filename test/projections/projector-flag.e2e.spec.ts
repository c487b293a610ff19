import { join } from 'node:path';
import { SqliteEventStore } from '@hmicfrs/event-store';
import { startApi, type RunningApi } from '../support/running-api';
import { as } from './support/http';
import { openReadSide } from './support/read-side';

describe('PROJECTOR=false: the API answers from read models another process keeps', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({ PROJECTOR: 'false' });
  });
  afterAll(() => api.close());

  it('reads what `cli project` has projected, and nothing before', async () => {
    const liaison = as(api, 'flo', 'liaison');
    await liaison.post('/inspections', { id: 'peel', reportType: 'peel', title: 'PEEL', publishedOn: '2023-09-29' }).expect(201);
    await liaison
      .post('/recommendations', {
        reference: 'P-1',
        kind: 'recommendation',
        inspectionId: 'peel',
        text: 't',
        level: 3,
        addressee: 'CCs',
        portfolio: 'x',
      })
      .expect(201);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await liaison.get('/recommendations').expect(200)).body.total).toBe(0);
    const status = await liaison.get('/projections').expect(200);
    expect(status.body.projections.every((projection: { caughtUp: boolean }) => !projection.caughtUp)).toBe(true);

    // What `npm run cli -- project --once` does, from its own process's view of the same files.
    const store = SqliteEventStore.open(join(api.dataDir, 'events.db'));
    const projector = openReadSide({ dir: api.dataDir, store });
    try {
      expect(await projector.projector.catchUp()).toBe(true);
    } finally {
      await projector.close();
      await store.close();
    }
    const { body } = await liaison.get('/recommendations').expect(200);
    expect(body.items.map((item: { id: string; inspection: { title: string } }) => [item.id, item.inspection.title])).toEqual([
      ['P-1', 'PEEL'],
    ]);
  });
});
