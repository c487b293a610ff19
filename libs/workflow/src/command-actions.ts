import type { Action } from '@hmicfrs/auth';
import type { LifecycleCommandType } from '@hmicfrs/lifecycle';

/** Which policy action each lifecycle command is, so one table (libs/auth) decides who may send it. */
export const COMMAND_ACTIONS: Readonly<Record<LifecycleCommandType, Action>> = {
  RATE: 'recommendation.rate',
  NOTE_PROGRESS: 'recommendation.note',
  ATTACH_EVIDENCE: 'recommendation.evidence',
  REMOVE_EVIDENCE: 'recommendation.evidence',
  ASSIGN_OWNER: 'recommendation.assign',
  CHANGE_DUE_DATE: 'recommendation.due-date',
  SUBMIT: 'recommendation.submit',
  WITHDRAW: 'recommendation.withdraw',
  APPROVE: 'recommendation.approve',
  RETURN: 'recommendation.return',
  VERIFY: 'recommendation.verify',
  REJECT: 'recommendation.reject',
  CHANGE_LEVEL: 'recommendation.level',
  CLOSE_AND_ARCHIVE: 'recommendation.archive',
  REOPEN: 'recommendation.reopen',
  MARK_NOT_APPLICABLE: 'recommendation.not-applicable',
  LINK: 'recommendation.link',
};
