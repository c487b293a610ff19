import { AuditProjection, NeedsYouQueries, RegisterProjection } from '@hmicfrs/projections';
import type { DomainEvent } from '@hmicfrs/lifecycle';
import { appendAll, domainEvents, inspectionRecorded, LIAISON, type Append } from './support/histories';
import { openReadSide, type ReadSide } from './support/read-side';

const opened = (reference: string, owner?: string): DomainEvent => ({
  type: 'RecommendationOpened',
  data: {
    id: reference,
    reference,
    kind: 'recommendation',
    inspectionId: 'peel-2023',
    text: `Recommendation ${reference}`,
    level: 3,
    addressee: 'Chief Constables',
    portfolio: 'Public Protection',
    ...(owner === undefined ? {} : { owner, dueDate: '2023-03-31' }),
  },
});
const item = (reference: string, facts: DomainEvent[]): Append => ({
  streamId: `recommendation-${reference}`,
  events: domainEvents(facts, LIAISON, '2023-01-10T10:00:00.000Z'),
});

/** The home pages' queries over the register and audit read models, on the indexes made for them. */
describe('what waits for each person', () => {
  let side: ReadSide;
  let needsYou: NeedsYouQueries;

  beforeAll(async () => {
    side = openReadSide({ projections: [new RegisterProjection(), new AuditProjection()] });
    needsYou = new NeedsYouQueries(side.database);
    await appendAll(side.store, [
      inspectionRecorded('peel-2023', 'PEEL 2023', '2023-01-01'),
      item('33', [
        opened('33', 'supt-patel'),
        { type: 'ReminderIssued', data: { kind: 'overdue', to: 'supt-patel', on: '2023-04-01', dueDate: '2023-03-31' } },
      ]),
      item('34', [opened('34')]),
      item('35', [
        opened('35', 'supt-patel'),
        { type: 'ReminderIssued', data: { kind: 'overdue', to: 'ch-insp-jones', on: '2023-04-01', dueDate: '2023-03-31' } },
      ]),
    ]);
    await side.projector.catchUp();
  });
  afterAll(() => side.close());

  it('reminders reach the person they name, and nobody else', () => {
    expect(needsYou.notices('supt-patel')).toEqual([
      { itemId: '33', reference: '33', type: 'ReminderIssued', kind: 'overdue', on: '2023-04-01' },
    ]);
    expect(needsYou.notices('ch-insp-jones').map((notice) => notice.itemId)).toEqual(['35']);
    expect(needsYou.notices('dcc')).toEqual([]);
  });

  it("the liaison officer's items without an owner or due date; nothing waits for HMICFRS yet", () => {
    expect(needsYou.unassigned().map((work) => work.id)).toEqual(['34']);
    expect(needsYou.awaitingVerification()).toEqual([]);
  });

  it('the reminders are found by their recipient, on an index of their own, not by reading every event', () => {
    const plan = (sql: string) =>
      (side.database.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail);
    const notices = plan(
      `SELECT r.id FROM audit_trail a JOIN register r ON r.id = substr(a.stream_id, length('recommendation-') + 1)
       WHERE a.type IN ('ReminderIssued', 'Escalated') AND json_extract(data, '$.to') = 'x' ORDER BY a.seq DESC LIMIT 50`,
    );
    expect(notices.join(' | ')).toMatch(/SEARCH a USING INDEX audit_notices_by_recipient_g\d+.*SEARCH r USING/);
  });
});
