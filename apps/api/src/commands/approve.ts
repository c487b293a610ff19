import type { LifecycleCommandEntry } from './lifecycle-command-entry';
import { COMMENT_FIELD, CommentDto } from './comment';

const RATED = { red: 'Red', amber: 'Amber' } as const;

export const APPROVE: LifecycleCommandEntry<'APPROVE', CommentDto> = {
  type: 'APPROVE',
  verb: 'approve',
  body: CommentDto,
  toCommand: ({ comment }) => ({ type: 'APPROVE', ...(comment === undefined ? {} : { comment }) }),
  name: 'Approve',
  form: {
    button: 'Approve',
    showsEvidence: true,
    fields: () => [{ ...COMMENT_FIELD, hint: 'What the owner and the committee should know about this approval' }],
    // Closing an item its owner rates Amber or Red is a judgement the DCC makes knowingly, not by a slip.
    // (A submission always has a rating: SUBMIT needs one.)
    confirmation: ({ rag }) =>
      rag === 'green' || rag === null
        ? undefined
        : {
            name: 'confirmRating',
            label: `I have seen that this item is rated ${RATED[rag]}, not Green, and I approve it all the same`,
            error: `Confirm that you approve an item rated ${RATED[rag]}, not Green`,
          },
  },
};
