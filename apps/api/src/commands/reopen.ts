import type { LifecycleCommandEntry } from './lifecycle-command-entry';
import { REQUIRED_COMMENT_FIELD, ReasonDto } from './reason';

export const REOPEN: LifecycleCommandEntry<'REOPEN', ReasonDto> = {
  type: 'REOPEN',
  verb: 'reopen',
  body: ReasonDto,
  toCommand: ({ reason }) => ({ type: 'REOPEN', reason }),
  name: 'Reopen',
  form: {
    button: 'Reopen',
    fields: () => [
      { ...REQUIRED_COMMENT_FIELD, error: 'Enter a comment: why the item needs more work', hint: 'Why the item needs more work' },
    ],
  },
};
