export { ProjectionsModule, type ProjectionsModuleOptions } from './projections.module';
export * from './errors';
export { ReadModelDatabase, READ_MODELS_FILE } from './runtime/read-model-database';
export { ensureReadModels } from './runtime/read-models';
export { ReadModelFreshness } from './runtime/freshness';
export { Projector, DEFAULT_PROJECTOR_OPTIONS, type ProjectorOptions } from './runtime/projector';
export { Rebuilder, type Rebuilds } from './runtime/rebuilder';
export { RebuildThread } from './runtime/rebuild-thread';
export { threadPool, type ThreadPoolOptions } from './runtime/thread-pool';
export { appProjections } from './app-projections';
export type { RebuildProgress } from './runtime/rebuild-progress';
export type { Projection, ProjectionSchema, ReadModelWriter, ReadModelBatch, TableName, WriterMode } from './runtime/projection';
export type { ProjectedEvent } from './projected-event';
export { PROJECTIONS, ProjectionStatusReader, type ProjectionsState, type ProjectionState } from './runtime/projection-status';
export { RegisterProjection } from './register/register.projection';
export { ApprovalQueueProjection } from './approval-queue/approval-queue.projection';
export { AuditProjection } from './audit/audit.projection';
export { PeopleProjection } from './people/people.projection';
export { PeopleQueries, type DirectoryEntry } from './people/people.queries';
export {
  RegisterQueries,
  REGISTER_SORTS,
  RANKED_AT_MOST,
  type InspectionActivityEntry,
  type RegisterFilter,
  type RegisterSort,
  type RegisterList,
} from './register/register.queries';
export type { RegisterEntry, SearchMatch } from './register/register-entry';
export { SearchProjection } from './search/search.projection';
export { naturalKey, searchQuery, type TextPiece } from './search/search-text';
export { PastRegister, type PointInTime } from './register/past-register';
export { ApprovalQueueQueries, type AwaitingApproval, type ApprovalQueuePage } from './approval-queue/approval-queue.queries';
export { AuditTrailQueries, type AuditFilter, type AuditEntry, type AuditPage } from './audit/audit-trail.queries';
export { RegisterReports, type PastQuery, type CountsReport, type RagReport, type OverdueReport } from './reports/register-reports';
export { JacReportService, JacReportReader, type JacInputs } from './reports/jac-report.service';
export type { JacReport } from './reports/jac-report';
export type { JacRequest } from './reports/jac-period';
export { instantOf } from './reports/report-dates';
export { STATUS_LABELS, dueWithinWords, longDate } from './reports/report-words';
export { jacMarkdown } from './reports/jac-markdown';
export { jacHtml } from './reports/jac-html';
export { jacCsv } from './reports/jac-csv';
export { compareJac, type JacComparison, type ChangedFigure } from './reports/jac-comparison';
export { jacDocx, type ContactOfficer, type PaperOptions } from './reports/jac-docx';
export { fixedPackage } from './reports/fixed-package';
export { REPORT_SEAL, sealWords, type ReportSeal, type LatestSeal } from './reports/report-seal';
export { NeedsYouQueries, type WorkItem, type NoticeEntry, type OwnerWork } from './home/needs-you.queries';
