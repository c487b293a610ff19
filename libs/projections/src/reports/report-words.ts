import type { ItemKind, Level, Status } from '@hmicfrs/lifecycle';
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

export function kindAndLevel(kind: ItemKind, level: Level): string {
  return `${KIND_LABELS[kind].one} Lv${level}`;
}

/** `12 (+6)`; `7` when nothing changed; `5 (-1)` when something moved out. */
export function withChange({ count, change }: CountWithChange): string {
  if (change === 0) return String(count);
  return `${count} (${change > 0 ? '+' : ''}${change})`;
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
