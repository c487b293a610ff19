import { CommandBody } from '../recommendations/dto/command-body';
import type { LifecycleCommandEntry } from './lifecycle-command-entry';

export const CLOSE_AND_ARCHIVE: LifecycleCommandEntry<'CLOSE_AND_ARCHIVE'> = {
  type: 'CLOSE_AND_ARCHIVE',
  verb: 'archive',
  body: CommandBody,
  toCommand: () => ({ type: 'CLOSE_AND_ARCHIVE' }),
  name: 'Close and archive',
  form: { button: 'Close and archive', warning: 'The item becomes level 1, closed and archived by HMICFRS.', fields: () => [] },
};
