import { statusOf, type Escalated, type IsoDate, type RecommendationState, type ReminderIssued } from '@hmicfrs/lifecycle';
import { addDays, addMonths } from './calendar';
import type { ReminderSettings } from './reminder-settings';

export type Notice = ReminderIssued | Escalated;

/** What the reminders need to know about an item beyond its state: when it was last rated and submitted. */
export interface ItemFacts {
  state: RecommendationState;
  /** The day of its last RAG rating, or of its opening when it was never rated. */
  reviewedOn: IsoDate;
  /** The day of the submission awaiting the DCC, when there is one. */
  submittedOn: IsoDate | null;
}

/** Who is told about an item: its owner, or the liaison officer where it has none. */
export function recipientOf(state: RecommendationState): string {
  return state.context.owner ?? 'liaison';
}

/**
 * The reminders and escalations an item is due on `today`. Due dates and reviews are the owner's work
 * while the item is with them (open or RAG rated); once submitted, the wait is the DCC's.
 */
export function noticesFor({ state, reviewedOn, submittedOn }: ItemFacts, today: IsoDate, settings: ReminderSettings): Notice[] {
  const status = statusOf(state);
  const { dueDate } = state.context;
  const to = recipientOf(state);
  const notices: Notice[] = [];
  if (status === 'open' || status === 'rag_rated') {
    if (dueDate !== null && dueDate < today) {
      notices.push({ type: 'ReminderIssued', data: { kind: 'overdue', to, on: today, dueDate } });
    } else if (dueDate !== null && dueDate <= addDays(today, settings.dueSoonDays)) {
      notices.push({ type: 'ReminderIssued', data: { kind: 'due_soon', to, on: today, dueDate } });
    }
    if (reviewedOn <= addMonths(today, -settings.reviewMonths)) {
      notices.push({ type: 'ReminderIssued', data: { kind: 'not_reviewed', to, on: today, dueDate } });
    }
  }
  if (status === 'submitted' && submittedOn !== null && submittedOn < addDays(today, -settings.approvalWaitDays)) {
    notices.push({ type: 'Escalated', data: { kind: 'awaiting_approval', to: 'dcc', on: today, waitingSince: submittedOn } });
  }
  return notices;
}
