import type { Grade, ItemKind, Level, Status } from '@hmicfrs/lifecycle';
import type { JacPeriod } from './jac-period';
import type { CountWithChange } from './jac-report';

/** The papers' words for the kinds: "AFI Lv2", "Recommendation Lv4". */
export const KIND_LABELS: Record<ItemKind, { one: string; many: string }> = {
  area_for_improvement: { one: 'AFI', many: 'AFIs' },
  cause_of_concern: { one: 'Cause of concern', many: 'Causes of concern' },
  recommendation: { one: 'Recommendation', many: 'Recommendations' },
};

export const STATUS_LABELS: Record<Status, string> = {
  open: 'Open',
  rag_rated: 'RAG rated',
  submitted: 'Submitted for closure',
  self_certified: 'Self-certified',
  awaiting_hmicfrs: 'With HMICFRS',
  hmicfrs_verified: 'Verified by HMICFRS',
  archived: 'Closed and archived',
  not_applicable: 'Not applicable',
};

/** HMICFRS's grades as the papers print them. */
export const GRADE_LABELS: Record<Grade, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  adequate: 'Adequate',
  requires_improvement: 'Requires improvement',
  inadequate: 'Inadequate',
};

export function kindAndLevel(kind: ItemKind, level: Level): string {
  return `${KIND_LABELS[kind].one} Lv${level}`;
}

/** `12 (+6)`; `7` when nothing changed; `5 (-1)` when something moved out. */
export function withChange({ count, change }: CountWithChange): string {
  if (change === 0) return String(count);
  return `${count} (${change > 0 ? '+' : ''}${change})`;
}

/** A due date HMICFRS gave as a span, as they word it: "within 3 months of publication". */
export function dueWithinWords(months: number): string {
  return `within ${months} month${months === 1 ? '' : 's'} of publication`;
}

/** 27 June 2024 (the papers' style), from an ISO date or instant. */
export function longDate(isoDateOrInstant: string): string {
  return new Date(`${isoDateOrInstant.slice(0, 10)}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** What the record held beyond a report's moment: when anything was first recorded, and first opened. */
export interface RecordExtent {
  firstRecordedAt: string | null;
  /** When the earliest item known at `knownAt` was opened. */
  firstOpenedAt: string | null;
}

/**
 * Why an empty report is empty, in the committee's words: without it a committee shown zeros "as the
 * record stood on" a day cannot tell "nothing happened" from "nothing had been recorded yet".
 */
export function whyEmpty(period: JacPeriod, record: RecordExtent): string | null {
  if (record.firstRecordedAt === null) return 'Nothing has been recorded yet.';
  if (record.firstRecordedAt > period.knownAt) {
    return `As the record stood on ${longDate(period.knownAt)}, nothing had been recorded: the first event was recorded on ${longDate(record.firstRecordedAt)}.`;
  }
  if (record.firstOpenedAt !== null && record.firstOpenedAt > period.asAt) {
    return `Nothing on the record had happened by ${longDate(period.asAt)}: the earliest item was opened on ${longDate(record.firstOpenedAt)}.`;
  }
  return null;
}
