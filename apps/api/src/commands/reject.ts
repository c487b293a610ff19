import type { LifecycleCommandEntry } from './lifecycle-command-entry';
import { REASON_FIELD, ReasonDto } from './reason';

export const REJECT: LifecycleCommandEntry<'REJECT', ReasonDto> = {
  type: 'REJECT',
  verb: 'reject',
  body: ReasonDto,
  toCommand: ({ reason }) => ({ type: 'REJECT', reason }),
  name: 'Reject',
  form: {
    button: 'Reject',
    showsEvidence: true,
    fields: () => [{ ...REASON_FIELD, hint: 'What HMICFRS found the evidence does not show' }],
  },
};
