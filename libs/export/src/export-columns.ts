import { dueWithinWords, type RegisterEntry } from '@hmicfrs/projections';

/** The register's columns as the committee's papers name things; one line per item. */
export const EXPORT_COLUMNS: readonly { header: string; width: number; value: (entry: RegisterEntry) => string | number }[] = [
  { header: 'Reference', width: 12, value: (e) => e.reference },
  { header: 'Kind', width: 22, value: (e) => KIND[e.kind] },
  { header: 'Inspection report', width: 40, value: (e) => e.inspection.title ?? e.inspection.id },
  { header: 'Inspection id', width: 20, value: (e) => e.inspection.id },
  { header: 'Text', width: 80, value: (e) => e.text },
  { header: 'Level', width: 7, value: (e) => e.level },
  { header: 'Addressed to', width: 24, value: (e) => e.addressee },
  { header: 'Portfolio', width: 24, value: (e) => e.portfolio },
  { header: 'Owner', width: 16, value: (e) => e.owner ?? '' },
  { header: 'RAG', width: 7, value: (e) => e.rag ?? '' },
  { header: 'Status', width: 18, value: (e) => e.status },
  { header: 'Closed', width: 8, value: (e) => (e.closed ? 'yes' : 'no') },
  { header: 'Due date', width: 12, value: (e) => e.dueDate ?? '' },
  { header: 'Due as given', width: 30, value: (e) => (e.dueWithinMonths === null ? '' : dueWithinWords(e.dueWithinMonths)) },
  { header: 'Original due date', width: 12, value: (e) => e.originalDueDate ?? '' },
  { header: 'Overdue', width: 8, value: (e) => (e.overdue ? 'yes' : 'no') },
  { header: 'Opened', width: 12, value: (e) => e.openedAt.slice(0, 10) },
  { header: 'Submitted', width: 12, value: (e) => e.submittedAt?.slice(0, 10) ?? '' },
  { header: 'Closed on', width: 12, value: (e) => e.closedAt?.slice(0, 10) ?? '' },
];

const KIND: Record<RegisterEntry['kind'], string> = {
  recommendation: 'Recommendation',
  cause_of_concern: 'Cause of concern',
  area_for_improvement: 'Area for improvement',
};
