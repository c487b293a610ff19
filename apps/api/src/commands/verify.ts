import { CommandBody } from '../recommendations/dto/command-body';
import type { LifecycleCommandEntry } from './lifecycle-command-entry';

export const VERIFY: LifecycleCommandEntry<'VERIFY'> = {
  type: 'VERIFY',
  verb: 'verify',
  body: CommandBody,
  toCommand: () => ({ type: 'VERIFY' }),
  name: 'Verify',
  form: { button: 'Verify', showsEvidence: true, fields: () => [] },
};
