import type { LifecycleCommandEntry } from './lifecycle-command-entry';
import { REQUIRED_COMMENT_FIELD, ReasonDto } from './reason';

export const REJECT: LifecycleCommandEntry<'REJECT', ReasonDto> = {
  type: 'REJECT',
  verb: 'reject',
  body: ReasonDto,
  toCommand: ({ reason }) => ({ type: 'REJECT', reason }),
  name: 'Reject',
  form: {
    button: 'Reject',
    showsEvidence: true,
    fields: () => [
      {
        ...REQUIRED_COMMENT_FIELD,
        error: 'Enter a comment: what HMICFRS found the evidence does not show',
        hint: 'What HMICFRS found the evidence does not show',
      },
    ],
  },
};
