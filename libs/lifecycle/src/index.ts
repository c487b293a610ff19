export { ROLES } from './commands';
export type * from './events';
export { GRADES, isRecommendationEvent } from './events';
export type {
  Actor,
  Role,
  RecommendationCommand,
  OpenRecommendation,
  LifecycleCommand,
  LifecycleCommandType,
  RecordInspectionReport,
  RecordNotice,
  SystemActor,
} from './commands';
export type { Item } from './item';
export { isStoredDocument, evidenceOf, evidenceRef } from './evidence';
export type { Decision, Refusal } from './decision';
export type { Supplier, SuppliedBy } from './rules';
export { recommendationMachine, type RecommendationState } from './recommendation.machine';
export { statusOf, isClosed, isInProgress, describeStatus, type Status } from './status';
export { decide } from './decide';
export { allowedCommands, refusalOf } from './allowed-commands';
export { dueDateWithin } from './due-dates';
export { receivedOn } from './received-on';
export { evolve, replay } from './replay';
export { follow, restorePosition, type LifecyclePosition } from './position';
export { upcast, schemaVersions, type StoredEvent } from './upcast';
export { HistoryNotReplayable, UnreadableEvent, EventDoesNotFit } from './errors';
export { decideInspectionReport, replayInspectionReport, sameReportAs, type InspectionReport } from './inspection-report';
export {
  STREAM_CATEGORIES,
  recommendationStream,
  inspectionStream,
  personStream,
  SESSIONS_CATEGORY,
  sessionsStream,
  paperStream,
  activityStream,
  streamSubject,
  itemIdOf,
  type StreamCategory,
} from './streams';
export { PERSON_ID, PERSON_ID_RULE, personId, samePerson, isSystemId, isImportId, isNotAPerson, notAPerson } from './people';
export {
  decidePerson,
  evolvePerson,
  replayPerson,
  type Person,
  type PersonAdded,
  type PersonEvent,
  type AddPerson,
  type PersonCommand,
} from './person';
export {
  decideSession,
  evolveSessions,
  replaySessions,
  sessionVerdict,
  sessionSeenDue,
  seenEveryMs,
  LONGEST_SESSION_MS,
  type SessionEvent,
  type SessionStarted,
  type SessionEnded,
  type SessionSeen,
  type SessionCommand,
  type SessionEndedBecause,
  type SignedInWith,
  type PersonSessions,
  type LiveSession,
  type SessionTimeouts,
  type SessionVerdict,
} from './session';
export {
  decideIssuedPaper,
  replayIssuedPaper,
  paperId,
  type IssuePaper,
  type IssuedPaper,
  type IssuedCheckpoint,
  type PaperIssued,
  type PaperIssuedData,
} from './issued-paper';
export {
  decideInspectionActivity,
  evolveInspectionActivity,
  replayInspectionActivity,
  type InspectionActivity,
  type InspectionActivityCommand,
  type InspectionActivityEvent,
  type InspectionActivityRecorded,
  type InspectionDebriefNoted,
  type RecordInspectionActivity,
  type NoteInspectionDebrief,
} from './inspection-activity';
