import { EventDoesNotFit, replay, type RecommendationEvent } from '@hmicfrs/lifecycle';
import { closed, histories, inProgress } from './testing/fixtures';
import { stored } from './testing/given';

const reminder: RecommendationEvent = { type: 'ReminderIssued', data: { kind: 'overdue', to: 'olivia.owner', on: '2024-07-01', dueDate: '2024-06-30' } };
const escalation: RecommendationEvent = { type: 'Escalated', data: { kind: 'awaiting_approval', to: 'dcc', on: '2024-07-01', waitingSince: '2024-06-01' } };

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
