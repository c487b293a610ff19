import type { LifecycleCommandType } from '@hmicfrs/lifecycle';
import { APPROVE } from './approve';
import { ASSIGN_OWNER } from './assign';
import { ATTACH_EVIDENCE } from './attach-evidence';
import { CHANGE_DUE_DATE } from './due-date';
import { CLOSE_AND_ARCHIVE } from './archive';
import { CHANGE_LEVEL } from './level';
import type { LifecycleCommandEntry } from './lifecycle-command-entry';
import { LINK } from './link';
import { MARK_NOT_APPLICABLE } from './not-applicable';
import { NOTE_PROGRESS } from './note';
import { RATE } from './rate';
import { REJECT } from './reject';
import { REMOVE_EVIDENCE } from './remove-evidence';
import { REOPEN } from './reopen';
import { RETURN } from './return';
import { SUBMIT } from './submit';
import { VERIFY } from './verify';
import { WITHDRAW } from './withdraw';

/** Every lifecycle command the API takes, one entry each: the type checks that none is missing. */
export const LIFECYCLE_COMMANDS: { readonly [Type in LifecycleCommandType]: LifecycleCommandEntry<Type> } = {
  RATE,
  NOTE_PROGRESS,
  ATTACH_EVIDENCE,
  REMOVE_EVIDENCE,
  ASSIGN_OWNER,
  CHANGE_DUE_DATE,
  SUBMIT,
  WITHDRAW,
  APPROVE,
  RETURN,
  VERIFY,
  REJECT,
  CHANGE_LEVEL,
  CLOSE_AND_ARCHIVE,
  REOPEN,
  MARK_NOT_APPLICABLE,
  LINK,
};

/** Any one entry, its command's type and content kept together. */
export type AnyLifecycleCommandEntry = (typeof LIFECYCLE_COMMANDS)[LifecycleCommandType];

/** The entries in the lifecycle's order, which is the order the pages list them in. */
export const COMMAND_ENTRIES: readonly AnyLifecycleCommandEntry[] = Object.values(LIFECYCLE_COMMANDS);
