import type { Item } from '@hmicfrs/lifecycle';
import type { Notice } from './notices-for';

const KIND_WORDS: Record<Item['kind'], string> = {
  recommendation: 'Recommendation',
  cause_of_concern: 'Cause of concern',
  area_for_improvement: 'Area for improvement',
};

/** The message in the words of the people it goes to. */
export function messageFor(notice: Notice, item: Item): { subject: string; body: string } {
  const what = `${KIND_WORDS[item.kind]} ${item.reference}`;
  const subject = subjectFor(notice, what);
  const body = [
    subject,
    '',
    item.text,
    '',
    `Portfolio: ${item.portfolio}`,
    `Owner: ${item.owner ?? 'none yet (the liaison officer is told)'}`,
    `Due: ${item.dueDate ?? 'no due date'}`,
    `RAG: ${item.rag ?? 'not yet rated'}`,
    '',
    notice.type === 'Escalated'
      ? 'Please approve or return the submission.'
      : 'Please update the RAG rating, the progress note and the evidence, or ask the liaison officer to change the due date.',
  ].join('\n');
  return { subject, body };
}

function subjectFor(notice: Notice, what: string): string {
  if (notice.type === 'Escalated') return `${what} has waited for the DCC's approval since ${notice.data.waitingSince}`;
  switch (notice.data.kind) {
    case 'due_soon':
      return `${what} is due on ${notice.data.dueDate}`;
    case 'overdue':
      return `${what} is overdue: it was due on ${notice.data.dueDate}`;
    case 'not_reviewed':
      return `${what} is due a review: it has not been RAG rated within the agreed period`;
    default: {
      const _: never = notice.data.kind;
      return _;
    }
  }
}
