import { CommandBody } from '../recommendations/dto/command-body';
import type { LifecycleCommandEntry } from './lifecycle-command-entry';

export const APPROVE: LifecycleCommandEntry<'APPROVE'> = {
  type: 'APPROVE',
  verb: 'approve',
  body: CommandBody,
  toCommand: () => ({ type: 'APPROVE' }),
  name: 'Approve',
  form: { button: 'Approve', showsEvidence: true, fields: () => [] },
};
