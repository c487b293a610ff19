import type { LifecycleCommandEntry } from './lifecycle-command-entry';
import { REQUIRED_COMMENT_FIELD, ReasonDto } from './reason';

export const RETURN: LifecycleCommandEntry<'RETURN', ReasonDto> = {
  type: 'RETURN',
  verb: 'return',
  body: ReasonDto,
  toCommand: ({ reason }) => ({ type: 'RETURN', reason }),
  name: 'Return to the owner',
  form: {
    button: 'Return to the owner',
    showsEvidence: true,
    fields: () => [
      {
        ...REQUIRED_COMMENT_FIELD,
        error: 'Enter a comment: what the owner needs to do before submitting again',
        hint: 'What the owner needs to do before submitting again',
      },
    ],
  },
};
