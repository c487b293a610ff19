import { EventDoesNotFit, replay, type RecommendationEvent, type SystemActor } from '@hmicfrs/lifecycle';
import { closed, histories, inProgress } from './testing/fixtures';
import { given, stored } from './testing/given';

const reminders: SystemActor = { userId: 'system:reminders', role: 'system' };

const reminder: RecommendationEvent = {
  type: 'ReminderIssued',
  data: { kind: 'overdue', to: 'olivia.owner', on: '2024-07-01', dueDate: '2024-06-30' },
};
const escalation: RecommendationEvent = {
  type: 'Escalated',
  data: { kind: 'awaiting_approval', to: 'dcc', on: '2024-07-01', waitingSince: '2024-06-01' },
};

/** Reminders and escalations are facts of an item's history: who was told, and when. They never move the item. */
describe('reminders and escalations', () => {
  describe.each(inProgress)('while %s', (name) => {
    it.each([reminder, escalation])('$type is recorded and leaves the item where it was', (event) => {
      const before = replay(stored(histories[name]));
      const after = replay(stored([...histories[name], event]));
      expect(after?.value).toEqual(before?.value);
      expect(after?.context.lastReminder).toEqual({ kind: event.data.kind, to: event.data.to, on: '2024-07-01' });
      expect({ ...after?.context, lastReminder: null }).toEqual(before?.context);
    });
  });

  describe.each([...closed, 'notApplicable'] as const)('once the item is %s', (name) => {
    it.each([reminder, escalation])('$type does not fit: there is nobody left to remind', (event) => {
      expect(() => replay(stored([...histories[name], event]))).toThrow(EventDoesNotFit);
    });
  });
});

/** The daily run records them as a system command; the machine decides, as for everyone's commands. */
describe('RECORD_NOTICE', () => {
  describe.each(inProgress)('while %s', (name) => {
    it.each([reminder, escalation])('records $type as it is', (event) => {
      given(histories[name]).when({ type: 'RECORD_NOTICE', notice: event }, reminders).then([event]);
    });
  });

  describe.each([...closed, 'notApplicable'] as const)('once the item is %s', (name) => {
    it.each([reminder, escalation])('refuses $type: there is nobody left to remind', (event) => {
      given(histories[name])
        .when({ type: 'RECORD_NOTICE', notice: event }, reminders)
        .thenRefuses(/Nobody is reminded about an item/, 'not_allowed_now');
    });
  });

  it('refuses a notice about an item that was never opened', () => {
    given([])
      .when({ type: 'RECORD_NOTICE', notice: reminder }, reminders)
      .thenRefuses(/no such item/, 'no_such_item');
  });
});
