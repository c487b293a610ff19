export { WorkflowModule } from './workflow.module';
export { RecommendationWorkflow, type ItemOutcome } from './recommendation-workflow';
export { PeopleDirectory, type SignedInClaims } from './people-directory';
export { WrittenPositions } from './written-positions';
export { Sessions } from './sessions';
export { IssuedPaperRecord } from './issued-papers';
export { InspectionActivityLog } from './inspection-activity-log';
export { CommandPipeline, FoldedStreams, type StreamFold, type Write, type Written } from './command-pipeline';
export type { ItemView } from './item-view';
export type { CommandRequest } from './command-request';
export { OCCURRED_AT_FORM, isDayOrZonedDateTime } from './occurred-at';
export { onDay } from './on-day';
export { COMMAND_ACTIONS } from './command-actions';
export {
  ItemNotFound,
  UnknownInspectionReport,
  UnknownLinkedItem,
  UnknownInspectionActivity,
  CommandRefused,
  OccurredAtRefused,
  IdempotencyKeyReused,
  HistoryAltered,
  UnknownPerson,
} from './errors';
export { HISTORY_INTEGRITY, type HistoryIntegrity, type IntegrityProblem } from './history-integrity';
export { ItemHistoryReader, type ItemHistory, type HistoryEntry, type ImportedFrom } from './item-history';
