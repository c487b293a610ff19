import type { GradedArea, InspectionType, IsoDate, ItemKind, Level, Status } from '@hmicfrs/lifecycle';
import type { ReportSeal } from './report-seal';
import type { ItemSnapshot } from '../register/item-snapshot';
import type { JacPeriod } from './jac-period';
import { dayOf, daysBetween } from './report-dates';

/** A number as the papers print it, `12 (+6)`: now, and the change since the previous report. */
export interface CountWithChange {
  count: number;
  change: number;
}

export interface InspectionRef {
  id: string;
  reportType: InspectionType;
  title: string;
  publishedOn: IsoDate | null;
}

/** An item named in the report. */
export interface ItemLine {
  id: string;
  reference: string;
  kind: ItemKind;
  level: Level;
  text: string;
  owner: string | null;
  status: Status;
  dueDate: IsoDate | null;
  originalDueDate: IsoDate | null;
  closedAt: string | null;
}

export type KindCounts = Record<ItemKind, number>;

/** HMICFRS in force: an inspection's fieldwork, what it re-visited, what its debrief said. */
export interface ActivityLine {
  id: string;
  inspectionType: InspectionType;
  title: string;
  fieldworkFrom: IsoDate;
  fieldworkTo: IsoDate;
  purpose: string | null;
  /** The causes of concern it re-examined: their references and words. */
  revisits: { id: string; reference: string; text: string }[];
  /** The latest debrief noted, as known at `knownAt`. */
  debrief: string | null;
}

/** A report published since the last JAC, as the papers describe it: its grades, and what it gave whom. */
export interface PublishedReport {
  inspection: InspectionRef;
  gradings: GradedArea[];
  /** Items it gave the force (everything on the register from it but what is addressed to another body). */
  forForce: KindCounts;
  /** Items recorded from it that are for other bodies (marked not applicable: NPCC, IOPC, CPS…). */
  forOthers: KindCounts;
}

/** The Joint Audit Committee's HMICFRS update, as the seeds' papers show it, from events alone. */
export interface JacReport {
  period: JacPeriod;
  /** Items submitted for closure from `since` to `asAt`, by kind and level (the level when submitted). */
  submissions: { rows: (CountWithChange & { kind: ItemKind; level: Level })[]; total: CountWithChange };
  /** Items closed now whose closing came after the previous report, by inspection report. */
  signedOff: { total: number; byReport: { inspection: InspectionRef; items: ItemLine[] }[] };
  register: { total: CountWithChange; inProgress: number; added: number; byKind: { kind: ItemKind; items: number; added: number }[] };
  /** RAG ratings of the items in progress. */
  rag: { red: number; amber: number; green: number; unrated: number; total: number };
  /** Per inspection report: items received, and items submitted for closure to date, by kind. */
  byReport: { inspection: InspectionRef; received: KindCounts; submitted: KindCounts }[];
  /** Fieldwork that began after the previous JAC up to `asAt`, and fieldwork still to come, as known at `knownAt`. */
  activity: { since: ActivityLine[]; forthcoming: ActivityLine[] };
  /** Reports published after the previous JAC up to `asAt` (and known at `knownAt`), in order of publication. */
  published: PublishedReport[];
  /** Items in progress whose due date had passed at `asAt` and that wait on the force, the longest overdue first. */
  overdue: OverdueLine[];
  /**
   * Items past their due date that the force has done its part for: self-certified and waiting for
   * HMICFRS to verify, or with HMICFRS. They are not overdue, and are shown apart.
   */
  waitingForHmicfrs: OverdueLine[];
  /** The latest signed checkpoint when the report was made, which every format ends with; null while nothing is sealed. */
  seal: ReportSeal | null;
}

export type OverdueLine = ItemLine & { daysOverdue: number };

/** Waiting for HMICFRS: self-certified at level 3 (still in progress) or with HMICFRS at level 4. */
const WITH_HMICFRS: ReadonlySet<Status> = new Set(['self_certified', 'awaiting_hmicfrs']);

/** The order the papers list kinds in. */
export const KINDS: readonly ItemKind[] = ['area_for_improvement', 'cause_of_concern', 'recommendation'];

export interface JacSources {
  /** Every item as at `asAt` and as at `previous`, both as known at `knownAt`. */
  now: readonly ItemSnapshot[];
  before: readonly ItemSnapshot[];
  inspection(id: string): InspectionRef;
  /** Reports published after `previous` up to `asAt`, as known at `knownAt`, with their grades. */
  published?: readonly { inspection: InspectionRef; gradings: GradedArea[] }[];
  /** Inspection activity, as known at `knownAt`: fieldwork from after `previous` to `asAt`, and after `asAt`. */
  activity?: { since: readonly ActivityLine[]; forthcoming: readonly ActivityLine[] };
  /** The words of an item (they never change): its reference and text. */
  describe(id: string): { reference: string; text: string };
  /** The latest signed checkpoint, from the caller (libs/seal); none: not yet sealed. */
  seal?: ReportSeal | null;
}

export function compileJacReport(period: JacPeriod, sources: JacSources): JacReport {
  const submittedNow = submissionCounts(sources.now, period.since);
  const submittedBefore = submissionCounts(sources.before, period.since);
  const before = new Map<string, ItemSnapshot>();
  for (const item of sources.before) before.set(item.id, item);

  const line = (item: ItemSnapshot): ItemLine => {
    const { reference, text } = sources.describe(item.id);
    const { id, kind, level, owner, status, dueDate, originalDueDate, closedAt } = item;
    return { id, reference, kind, level, text, owner, status, dueDate, originalDueDate, closedAt };
  };
  const today = dayOf(period.asAt);
  const signedOff = new Map<string, ItemLine[]>();
  const byReport = new Map<string, { received: KindCounts; submitted: KindCounts }>();
  const addressed = new Map<string, { forForce: KindCounts; forOthers: KindCounts }>();
  const byKind = new Map<ItemKind, { items: number; added: number }>(KINDS.map((kind) => [kind, { items: 0, added: 0 }]));
  const rag = { red: 0, amber: 0, green: 0, unrated: 0, total: 0 };
  const overdue: OverdueLine[] = [];
  const waitingForHmicfrs: OverdueLine[] = [];
  let total = 0;
  let inProgress = 0;

  for (const item of sources.now) {
    total += 1;
    const kind = byKind.get(item.kind)!;
    kind.items += 1;
    if (item.openedAt > period.previous) kind.added += 1;
    if (item.closed && item.closedAt !== null && item.closedAt > period.previous) {
      push(signedOff, item.inspectionId, line(item));
    }
    const report = byReport.get(item.inspectionId) ?? { received: noKinds(), submitted: noKinds() };
    byReport.set(item.inspectionId, report);
    report.received[item.kind] += 1;
    if (item.lastSubmittedAt !== null) report.submitted[item.kind] += 1;
    const whom = addressed.get(item.inspectionId) ?? { forForce: noKinds(), forOthers: noKinds() };
    addressed.set(item.inspectionId, whom);
    (item.status === 'not_applicable' ? whom.forOthers : whom.forForce)[item.kind] += 1;
    if (!item.inProgress) continue;
    inProgress += 1;
    rag[item.rag ?? 'unrated'] += 1;
    rag.total += 1;
    if (item.dueDate !== null && item.dueDate < today) {
      (WITH_HMICFRS.has(item.status) ? waitingForHmicfrs : overdue).push({ ...line(item), daysOverdue: daysBetween(item.dueDate, today) });
    }
  }

  const rows = submissionRows(submittedNow, submittedBefore);
  const count = (counts: Map<string, number>) => [...counts.values()].reduce((sum, n) => sum + n, 0);
  const added = [...byKind.values()].reduce((sum, kind) => sum + kind.added, 0);
  const signedOffByReport = [...signedOff]
    .map(([id, items]) => ({ inspection: sources.inspection(id), items: items.sort(byReference) }))
    .sort((a, b) => a.inspection.title.localeCompare(b.inspection.title));
  return {
    period,
    submissions: { rows, total: { count: count(submittedNow), change: count(submittedNow) - count(submittedBefore) } },
    signedOff: { total: signedOffByReport.reduce((sum, group) => sum + group.items.length, 0), byReport: signedOffByReport },
    register: {
      total: { count: total, change: total - before.size },
      inProgress,
      added,
      byKind: KINDS.map((kind) => ({ kind, ...byKind.get(kind)! })),
    },
    rag,
    byReport: [...byReport]
      .map(([id, counts]) => ({ inspection: sources.inspection(id), ...counts }))
      .sort(
        (a, b) =>
          (a.inspection.publishedOn ?? '').localeCompare(b.inspection.publishedOn ?? '') ||
          a.inspection.title.localeCompare(b.inspection.title),
      ),
    activity: { since: [...(sources.activity?.since ?? [])], forthcoming: [...(sources.activity?.forthcoming ?? [])] },
    published: [...(sources.published ?? [])]
      .sort(
        (a, b) =>
          (a.inspection.publishedOn ?? '').localeCompare(b.inspection.publishedOn ?? '') ||
          a.inspection.title.localeCompare(b.inspection.title),
      )
      .map(({ inspection, gradings }) => ({
        inspection,
        gradings,
        ...(addressed.get(inspection.id) ?? { forForce: noKinds(), forOthers: noKinds() }),
      })),
    overdue: overdue.sort(byDueDate),
    waitingForHmicfrs: waitingForHmicfrs.sort(byDueDate),
    seal: sources.seal ?? null,
  };
}

/** Items whose latest submission for closure falls between `since` and the snapshot's date, by kind and level. */
function submissionCounts(items: readonly ItemSnapshot[], since: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    if (item.lastSubmittedAt === null || item.lastSubmittedAt < since) continue;
    const key = `${item.kind}|${item.submittedLevel}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Kinds in the papers' order, higher levels first; a row for every cell counted now or before. */
function submissionRows(now: Map<string, number>, before: Map<string, number>): JacReport['submissions']['rows'] {
  return KINDS.flatMap((kind) =>
    ([4, 3, 2, 1] as const).flatMap((level) => {
      const key = `${kind}|${level}`;
      const count = now.get(key) ?? 0;
      const previously = before.get(key) ?? 0;
      return count === 0 && previously === 0 ? [] : [{ kind, level, count, change: count - previously }];
    }),
  );
}

function noKinds(): KindCounts {
  return { area_for_improvement: 0, cause_of_concern: 0, recommendation: 0 };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function byDueDate(a: OverdueLine, b: OverdueLine): number {
  return a.dueDate!.localeCompare(b.dueDate!) || byReference(a, b);
}

function byReference(a: { reference: string }, b: { reference: string }): number {
  return a.reference.localeCompare(b.reference, 'en', { numeric: true });
}
