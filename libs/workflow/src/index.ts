export { WorkflowModule } from './workflow.module';
export { RecommendationWorkflow, recommendationStream, inspectionStream, type ItemOutcome } from './recommendation-workflow';
export type { ItemView } from './item-view';
export type { CommandRequest } from './command-request';
export { COMMAND_ACTIONS } from './command-actions';
export { CLOCK, type Clock } from './clock';
export { ItemNotFound, UnknownInspectionReport, UnknownLinkedItem, CommandRefused, OccurredAtRefused, IdempotencyKeyReused } from './errors';
export { ItemHistoryReader, type ItemHistory, type HistoryEntry } from './item-history';
