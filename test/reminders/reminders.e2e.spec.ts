import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@hmicfrs/event-store';
import type { Actor, LifecycleCommand } from '@hmicfrs/lifecycle';
import { Outbox, RemindersRun, type Notifier, type OutboxEntry } from '@hmicfrs/reminders';
import { untilNext } from '../../libs/reminders/src/daily-reminders';
import { ItemHistoryReader, RecommendationWorkflow } from '@hmicfrs/workflow';
import { addPeopleTo } from '../support/people';

const liaison: Actor = { userId: 'flo-fletcher', role: 'liaison' };
const owner: Actor = { userId: 'supt-patel', role: 'owner' };
const dcc: Actor = { userId: 'dcc-green', role: 'dcc' };
const SETTINGS = { dueSoonDays: 14, approvalWaitDays: 14, reviewMonths: 3 };
const AS_AT = '2024-07-01';

/** A notifier that remembers what it was handed; `sends` decides whether it delivers or leaves messages in the outbox. */
class RecordingNotifier implements Notifier {
  readonly name = 'recording';
  readonly delivered: OutboxEntry[] = [];
  constructor(private readonly sends: boolean) {}
  async deliver(entry: OutboxEntry): Promise<'sent' | 'left_in_outbox'> {
    this.delivered.push(entry);
    return this.sends ? 'sent' : 'left_in_outbox';
  }
}

describe('reminders and escalation', () => {
  let dir: string;
  let store: SqliteEventStore;
  let outbox: Outbox;
  let workflow: RecommendationWorkflow;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hmicfrs-reminders-'));
    store = SqliteEventStore.open(join(dir, 'events.db'));
    outbox = Outbox.open(dir);
    workflow = new RecommendationWorkflow(store, () => new Date());
    await addPeopleTo(store, ['supt-patel', 'ch-insp-jones']);
    await workflow.recordInspectionReport(
      {
        type: 'RECORD_INSPECTION_REPORT',
        id: 'vmm-2022',
        reportType: 'thematic',
        title: 'Vetting, misconduct and misogyny',
        publishedOn: '2022-11-02',
      },
      { actor: liaison },
    );
  });
  afterEach(async () => {
    outbox.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function item(
    id: string,
    opened: string,
    dueDate: string | undefined,
    ownerId: string | undefined,
    steps: [Actor, LifecycleCommand, string][] = [],
  ) {
    await workflow.open(
      {
        type: 'OPEN_RECOMMENDATION',
        id,
        reference: id,
        kind: 'recommendation',
        inspectionId: 'vmm-2022',
        text: `Recommendation ${id}`,
        level: 3,
        addressee: 'Chief constables',
        portfolio: 'Professional Standards',
        ...(ownerId === undefined ? {} : { owner: ownerId }),
        ...(dueDate === undefined ? {} : { dueDate }),
      },
      { actor: liaison, occurredAt: `${opened}T09:00:00Z` },
    );
    for (const [actor, command, on] of steps) await workflow.execute(id, command, { actor, occurredAt: `${on}T09:00:00Z` });
  }

  const run = (notifier: Notifier, asAt = AS_AT) =>
    new RemindersRun(workflow, store, outbox, notifier, SETTINGS, () => new Date()).run(asAt);
  const rated = (on: string): [Actor, LifecycleCommand, string] => [owner, { type: 'RATE', rag: 'amber' }, on];

  it('reminds owners of items due soon, overdue or not rated for three months, and escalates long waits for the DCC', async () => {
    await item('DUE-SOON', '2024-06-01', '2024-07-10', 'supt-patel', [rated('2024-06-02')]);
    await item('OVERDUE', '2024-06-01', '2024-06-15', 'supt-patel', [rated('2024-06-02')]);
    await item('UNREVIEWED', '2024-01-10', undefined, undefined);
    await item('WAITING', '2024-05-01', '2024-12-31', 'supt-patel', [
      rated('2024-05-02'),
      [
        owner,
        {
          type: 'ATTACH_EVIDENCE',
          evidenceId: 'plan',
          title: 'Plan',
          heldElsewhere: { location: 'Force file share', description: 'Held by the force' },
          sha256: 'a'.repeat(64),
          isChiefConstableLetter: true,
        },
        '2024-05-03',
      ],
      [owner, { type: 'SUBMIT' }, '2024-06-01'],
    ]);
    await item('FINE', '2024-06-01', '2024-12-31', 'supt-patel', [rated('2024-06-02')]);

    const notifier = new RecordingNotifier(false);
    const report = await run(notifier);
    expect(report.issued).toEqual([
      { itemId: 'DUE-SOON', type: 'ReminderIssued', kind: 'due_soon', to: 'supt-patel', delivered: 'left_in_outbox' },
      { itemId: 'OVERDUE', type: 'ReminderIssued', kind: 'overdue', to: 'supt-patel', delivered: 'left_in_outbox' },
      { itemId: 'UNREVIEWED', type: 'ReminderIssued', kind: 'not_reviewed', to: 'liaison', delivered: 'left_in_outbox' },
      { itemId: 'WAITING', type: 'Escalated', kind: 'awaiting_approval', to: 'dcc', delivered: 'left_in_outbox' },
    ]);
    expect(notifier.delivered.map((entry) => entry.subject)).toEqual([
      'Recommendation DUE-SOON is due on 2024-07-10',
      'Recommendation OVERDUE is overdue: it was due on 2024-06-15',
      'Recommendation UNREVIEWED is due a review: it has not been RAG rated within the agreed period',
      "Recommendation WAITING has waited for the DCC's approval since 2024-06-01",
    ]);
    expect(outbox.all().map((entry) => [entry.id, entry.status])).toEqual([
      ['DUE-SOON:due_soon:2024-07-01', 'pending'],
      ['OVERDUE:overdue:2024-07-01', 'pending'],
      ['UNREVIEWED:not_reviewed:2024-07-01', 'pending'],
      ['WAITING:awaiting_approval:2024-07-01', 'pending'],
    ]);
  });

  it("records each in the item's history: who was told, and when", async () => {
    await item('OVERDUE', '2024-06-01', '2024-06-15', 'supt-patel', [rated('2024-06-02')]);
    await run(new RecordingNotifier(false));
    const history = await new ItemHistoryReader(store).history('OVERDUE');
    expect(history.chain.intact).toBe(true);
    expect(history.events.at(-1)).toMatchObject({
      type: 'ReminderIssued',
      data: { kind: 'overdue', to: 'supt-patel', on: AS_AT, dueDate: '2024-06-15' },
      userId: 'system:reminders',
      role: 'system',
      from: 'rag_rated',
      to: 'rag_rated',
    });
  });

  it('tells nobody twice for the same item, kind and day; the next day is another reminder', async () => {
    await item('OVERDUE', '2024-06-01', '2024-06-15', 'supt-patel', [rated('2024-06-02')]);
    const notifier = new RecordingNotifier(true);
    await run(notifier);
    const again = await run(notifier);
    expect(again).toMatchObject({ issued: [], alreadyIssued: 1 });
    expect(notifier.delivered).toHaveLength(1);
    expect(outbox.all()[0]).toMatchObject({ status: 'sent', statusReason: 'recording' });
    const tomorrow = await run(notifier, '2024-07-02');
    expect(tomorrow.issued).toHaveLength(1);
  });

  it('cancels pending messages that a new owner or a new due date has made wrong', async () => {
    await item('REASSIGNED', '2024-06-01', '2024-06-15', 'supt-patel', [rated('2024-06-02')]);
    await item('EXTENDED', '2024-06-01', '2024-06-15', 'supt-patel', [rated('2024-06-02')]);
    await run(new RecordingNotifier(false));
    await workflow.execute('REASSIGNED', { type: 'ASSIGN_OWNER', owner: 'ch-insp-jones' }, { actor: liaison });
    await workflow.execute(
      'EXTENDED',
      { type: 'CHANGE_DUE_DATE', dueDate: '2024-12-31', reason: 'Waiting for the NPCC guidance' },
      { actor: liaison },
    );

    const report = await run(new RecordingNotifier(false), '2024-07-02');
    expect(report.cancelled).toEqual([
      { id: 'EXTENDED:overdue:2024-07-01', reason: 'the item is now due on 2024-12-31' },
      { id: 'REASSIGNED:overdue:2024-07-01', reason: 'the item is now owned by ch-insp-jones' },
    ]);
    expect(report.issued).toEqual([expect.objectContaining({ itemId: 'REASSIGNED', kind: 'overdue', to: 'ch-insp-jones' })]);
  });

  it('leaves closed items alone, and cancels what was pending for them', async () => {
    await item('WAITING', '2024-05-01', '2024-12-31', 'supt-patel', [
      rated('2024-05-02'),
      [
        owner,
        {
          type: 'ATTACH_EVIDENCE',
          evidenceId: 'letter',
          title: 'CC letter',
          heldElsewhere: { location: 'Force file share', description: 'Held by the force' },
          sha256: 'b'.repeat(64),
          isChiefConstableLetter: true,
        },
        '2024-05-03',
      ],
      [owner, { type: 'SUBMIT' }, '2024-06-01'],
    ]);
    await run(new RecordingNotifier(false));
    await workflow.execute('WAITING', { type: 'APPROVE', confirmRating: true }, { actor: dcc });
    const report = await run(new RecordingNotifier(false), '2024-07-02');
    expect(report).toMatchObject({
      issued: [],
      cancelled: [{ id: 'WAITING:awaiting_approval:2024-07-01', reason: expect.stringContaining('no longer awaiting approval') }],
    });
  });

  it('schedules the daily run for the next HH:MM in UTC', () => {
    expect(untilNext('07:00', new Date('2024-07-01T06:00:00Z'))).toBe(60 * 60 * 1000);
    expect(untilNext('07:00', new Date('2024-07-01T07:00:00Z'))).toBe(24 * 60 * 60 * 1000);
  });
});
