import type { LifecycleCommandEntry } from './lifecycle-command-entry';
import { REASON_FIELD, ReasonDto } from './reason';

export const REOPEN: LifecycleCommandEntry<'REOPEN', ReasonDto> = {
  type: 'REOPEN',
  verb: 'reopen',
  body: ReasonDto,
  toCommand: ({ reason }) => ({ type: 'REOPEN', reason }),
  name: 'Reopen',
  form: { button: 'Reopen', fields: () => [{ ...REASON_FIELD, hint: 'Why the item needs more work' }] },
};
