import { join } from 'node:path';
import request from 'supertest';
import { SqliteEventStore } from '@hmicfrs/event-store';
import { Outbox, RemindersRun, type Notifier } from '@hmicfrs/reminders';
import { RecommendationWorkflow } from '@hmicfrs/workflow';
import { startApi, type RunningApi } from '../support/running-api';

const HEADER =
  'inspection_id,inspection_title,inspection_type,published_on,kind,reference,text,level,addressee,portfolio,owner,rag,due_date,status';
const ROW =
  'vmm-2022,Vetting misconduct and misogyny,thematic,2022-11-02,recommendation,34,Seek corruption-related intelligence,2,Chief constables,PSD,supt-patel,amber,2023-04-30,rag_rated';
const leftInOutbox: Notifier = { name: 'outbox', deliver: async () => 'left_in_outbox' };

describe('reminders in the running API', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({}, { people: ['supt-patel', 'ch-insp-jones'] });
  });
  afterAll(() => api.close());

  it('cancels a pending reminder as soon as the item is reassigned', async () => {
    const liaison = api.bearer('flo-fletcher', 'liaison');
    await request(api.url)
      .post('/imports')
      .set('Authorization', liaison)
      .set('Content-Type', 'text/csv')
      .send(`${HEADER}\n${ROW}\n`)
      .expect(200);

    // The daily run, as `cli reminders` would do it beside the API: another connection to the same files.
    const store = SqliteEventStore.open(join(api.dataDir, 'events.db'));
    const outbox = Outbox.open(api.dataDir);
    try {
      const report = await new RemindersRun(
        new RecommendationWorkflow(store, () => new Date()),
        store,
        outbox,
        leftInOutbox,
        { dueSoonDays: 14, approvalWaitDays: 14, reviewMonths: 3 },
        () => new Date(),
      ).run();
      expect(report.issued).toEqual([expect.objectContaining({ itemId: '34', kind: 'overdue', to: 'supt-patel' })]);
      const history = await request(api.url).get('/recommendations/34/history').set('Authorization', liaison).expect(200);
      expect(history.body.events.at(-1)).toMatchObject({ type: 'ReminderIssued', userId: 'system:reminders', data: { to: 'supt-patel' } });

      await request(api.url).post('/recommendations/34/assign').set('Authorization', liaison).send({ owner: 'ch-insp-jones' }).expect(200);
      let entry = outbox.all()[0];
      for (let attempt = 0; attempt < 50 && entry.status === 'pending'; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        entry = outbox.all()[0];
      }
      expect(entry).toMatchObject({ status: 'cancelled', statusReason: 'the item is now owned by ch-insp-jones' });
    } finally {
      outbox.close();
      await store.close();
    }
  });
});
