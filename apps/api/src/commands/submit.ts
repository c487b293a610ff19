import { CommandBody } from '../recommendations/dto/command-body';
import type { LifecycleCommandEntry } from './lifecycle-command-entry';

export const SUBMIT: LifecycleCommandEntry<'SUBMIT'> = {
  type: 'SUBMIT',
  verb: 'submit',
  body: CommandBody,
  toCommand: () => ({ type: 'SUBMIT' }),
  name: 'Submit for closure',
  form: { button: 'Submit for closure', showsEvidence: true, fields: () => [] },
};
