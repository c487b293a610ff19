import type { RecommendationEvent } from '@hmicfrs/lifecycle';
import type { HistoryEntry, ImportedFrom, ItemHistory } from '@hmicfrs/workflow';
import { dueWithinWords } from '@hmicfrs/projections';
import { govukDate } from '../nunjucks-filters';
import { KIND, piecesOfEvidence } from '../words';

/** One row of an item's timeline, in the users' words. */
export interface TimelineRow {
  occurredAt: string;
  /** Set when only the day was given: shown instead of `occurredAt`'s stand-in time. */
  occurredOn: string | null;
  recordedAt: string;
  userId: string;
  role: string;
  /** Where an import brought it in from a tracker: the file, the row, and who ran the import. */
  imported: ImportedFrom | null;
  type: string;
  what: string;
  why: string | null;
  from: string | null;
  to: string;
  /** The document an `EvidenceAttached` row uploaded, which the timeline offers to open (to those who may). */
  document: { evidenceId: string; name: string } | null;
}

/** Each change of due date with who made it, when and why: the committee asks how far an item slipped. */
export interface DueDateChange {
  occurredAt: string;
  userId: string;
  from: string | null;
  to: string;
  /** `null` for an item's first due date, which needs none. */
  reason: string | null;
}

/** How the timeline names what events name by id: people, and inspection activity. */
export interface TimelineNames {
  nameOf(userId: string): string;
  activityTitle(activityId: string): string;
}

export function timeline(history: ItemHistory, names: TimelineNames, asAt?: string): TimelineRow[] {
  return shown(history, asAt).map((entry) => ({
    occurredAt: entry.occurredAt,
    occurredOn: entry.occurredOn,
    recordedAt: entry.recordedAt,
    userId: entry.userId,
    role: entry.role,
    imported: entry.imported,
    type: entry.type,
    what: describe(entry, names),
    // A decision's comment is its why, where the command took a comment and not a reason.
    why: entry.reason ?? commentOf(entry),
    from: entry.from,
    to: entry.to,
    document: documentOf(entry),
  }));
}

/** What sends a submission back (the DCC's return, HMICFRS's rejection), and what starts one again. */
const SENT_BACK = new Set(['ClosureReturned', 'HmicfrsRejected']);
const SENT_AGAIN = new Set(['SubmittedForClosure', 'Reopened']);

/**
 * The return or rejection the item's owner has still to answer: the latest of the item's submissions,
 * returns and rejections, when it is one of these (rows in the order they happened).
 */
export function sentBack(rows: readonly TimelineRow[]): TimelineRow | undefined {
  const last = [...rows].reverse().find((row) => SENT_BACK.has(row.type) || SENT_AGAIN.has(row.type));
  return last !== undefined && SENT_BACK.has(last.type) ? last : undefined;
}

/** An approval's confirmation of a rating not Green, where it was given (approvals before version 3 were never asked). */
function confirmedNotGreen(data: { ratingConfirmed?: boolean | null }): string {
  return data.ratingConfirmed === true ? ', confirmed though not rated Green' : '';
}

function commentOf(entry: HistoryEntry): string | null {
  const data = entry.data as { comment?: unknown };
  return typeof data.comment === 'string' ? data.comment : null;
}

function documentOf(entry: HistoryEntry): TimelineRow['document'] {
  const event = { type: entry.type, data: entry.data } as RecommendationEvent;
  return event.type === 'EvidenceAttached' && 'file' in event.data
    ? { evidenceId: event.data.evidenceId, name: event.data.file.name }
    : null;
}

export function dueDateLineage(history: ItemHistory, asAt?: string): { original: string | null; changes: DueDateChange[] } {
  let original: string | null = null;
  let current: string | null = null;
  const changes: DueDateChange[] = [];
  for (const entry of shown(history, asAt)) {
    const event = entry as unknown as HistoryEntry & RecommendationEvent;
    if (event.type === 'RecommendationOpened') original = current = event.data.dueDate ?? null;
    if (event.type === 'DueDateChanged') {
      changes.push({
        occurredAt: entry.occurredAt,
        userId: entry.userId,
        from: event.data.from,
        to: event.data.to,
        reason: event.data.reason,
      });
      current = event.data.to;
    }
    // A reopening sets the due date afresh (the stored data: version 1 reopenings have none).
    if (event.type === 'Reopened') {
      const { dueDate, reason } = event.data as { dueDate?: string | null; reason: string };
      if (dueDate)
        changes.push({ occurredAt: entry.occurredAt, userId: entry.userId, from: current, to: dueDate, reason: `Reopened: ${reason}` });
      current = dueDate ?? current;
    }
  }
  return { original, changes };
}

function shown(history: ItemHistory, asAt?: string): HistoryEntry[] {
  return asAt === undefined ? history.events : history.events.filter((entry) => entry.occurredAt <= asAt);
}

/** What the event says, in a line. The data is the event's own: the timeline adds nothing. */
function describe(entry: HistoryEntry, { nameOf, activityTitle }: TimelineNames): string {
  const event = { type: entry.type, data: entry.data } as RecommendationEvent;
  switch (event.type) {
    case 'RecommendationOpened': {
      const { level, kind, owner, dueDate, dueWithin, portfolio } = event.data;
      return [
        `Level ${level} ${KIND[kind].toLowerCase()}, ${portfolio}`,
        owner && `owner ${nameOf(owner)}`,
        dueDate && `due ${govukDate(dueDate)}${dueWithin ? ` (${dueWithinWords(dueWithin.months)})` : ''}`,
      ]
        .filter(Boolean)
        .join('; ');
    }
    case 'RagRated':
      return `Rated ${event.data.rag}`;
    case 'ProgressNoted':
      return event.data.text;
    case 'EvidenceAttached':
      return `${event.data.title} (${'file' in event.data ? `uploaded: ${event.data.file.name}` : `held elsewhere: ${event.data.heldElsewhere?.location ?? 'not recorded'}`})${event.data.isChiefConstableLetter ? ', the Chief Constable letter' : ''}`;
    case 'EvidenceRemoved':
      return `Removed ${event.data.evidenceId}`;
    case 'OwnerAssigned':
      return `Owner: ${nameOf(event.data.owner)}`;
    case 'DueDateChanged':
      return `Due date ${event.data.from ? govukDate(event.data.from) : 'none'} → ${govukDate(event.data.to)}`;
    case 'SubmittedForClosure':
      return `Submitted by ${nameOf(event.data.submittedBy)} with ${event.data.evidence.map((evidence) => evidence.title).join(', ')}`;
    case 'SelfCertified':
      return event.data.fromTracker
        ? `DCC approval at level ${event.data.level}, ${fromTracker(event.data.fromTracker, entry, nameOf)}`
        : `Approved by ${nameOf(event.data.approvedBy)} at level ${event.data.level} on ${piecesOfEvidence(event.data.evidence.length)}${confirmedNotGreen(event.data)}`;
    case 'SubmittedToHmicfrs':
      return event.data.fromTracker
        ? `DCC approval, sent to HMICFRS, ${fromTracker(event.data.fromTracker, entry, nameOf)}`
        : `Approved by ${nameOf(event.data.approvedBy)} and sent to HMICFRS on ${piecesOfEvidence(event.data.evidence.length)}${confirmedNotGreen(event.data)}`;
    case 'HmicfrsVerified':
      if (event.data.fromTracker) return `HMICFRS verification, ${fromTracker(event.data.fromTracker, entry, nameOf)}`;
      return [
        event.data.verifiedBy && `Verified by ${nameOf(event.data.verifiedBy)}`,
        event.data.inspection &&
          `at ${'activityId' in event.data.inspection ? activityTitle(event.data.inspection.activityId) : event.data.inspection.named}`,
      ]
        .filter(Boolean)
        .join(' ');
    case 'LevelChanged':
      return `Level ${event.data.from} → ${event.data.to}`;
    case 'ClosedAndArchived':
      return `Closed and archived from level ${event.data.fromLevel}`;
    case 'Reopened':
      return event.data.dueDate ? `Due ${govukDate(event.data.dueDate)}; needs a fresh RAG rating` : '';
    case 'MarkedNotApplicable':
      return `Addressed to ${event.data.addressedTo}`;
    case 'RecommendationLinked':
      return `${event.data.relation === 'same_national_recommendation' ? 'Same national recommendation as' : 'Shares evidence with'} ${event.data.otherId}`;
    case 'ReminderIssued':
      return `Reminder to ${nameOf(event.data.to)}: ${event.data.kind.replace('_', ' ')}${event.data.dueDate ? ` (due ${govukDate(event.data.dueDate)})` : ''}`;
    case 'Escalated':
      return `Escalated to the ${event.data.to}: awaiting approval since ${govukDate(event.data.waitingSince)}`;
    default:
      // The event's name and reason say it all (a return, a rejection, a reopening, a reminder).
      return '';
  }
}

/** A decision taken outside the system, as the timeline says it: "from tracker.xlsx row 12, imported by Flo Fletcher". */
function fromTracker(record: { fileName: string; row: number }, entry: HistoryEntry, nameOf: (userId: string) => string): string {
  return `from ${record.fileName} row ${record.row}, imported by ${nameOf(entry.causedBy)}`;
}
