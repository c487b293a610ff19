import { CommandBody } from '../recommendations/dto/command-body';
import type { LifecycleCommandEntry } from './lifecycle-command-entry';

export const WITHDRAW: LifecycleCommandEntry<'WITHDRAW'> = {
  type: 'WITHDRAW',
  verb: 'withdraw',
  body: CommandBody,
  toCommand: () => ({ type: 'WITHDRAW' }),
  name: 'Withdraw the submission',
  form: { button: 'Withdraw the submission', fields: () => [] },
};
