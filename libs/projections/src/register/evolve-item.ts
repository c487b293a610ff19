import type { RecommendationEvent } from '@hmicfrs/lifecycle';
import type { ItemRecord } from './item-record';

/** When and in which stream position the event happened. */
export interface EventTime {
  occurredAt: string;
  revision: number;
}

/**
 * The register's fold: one stored event applied to an item's record. The lifecycle machine already
 * accepted every stored event, so this only follows where the machine went; folding through the machine
 * itself costs an actor per item and ten times the time. `register.spec.ts` holds it to the machine's
 * replay on random histories.
 */
export function evolveItem(record: ItemRecord | undefined, event: RecommendationEvent, at: EventTime): ItemRecord {
  if (event.type === 'RecommendationOpened') {
    const { id, reference, kind, inspectionId, text, level, portfolio, owner, dueDate } = event.data;
    return {
      id,
      reference,
      kind,
      inspectionId,
      text,
      level,
      portfolio,
      owner: owner ?? null,
      rag: null,
      status: 'open',
      closed: false,
      dueDate: dueDate ?? null,
      originalDueDate: dueDate ?? null,
      openedAt: at.occurredAt,
      submittedAt: null,
      submittedBy: null,
      lastSubmittedAt: null,
      submittedLevel: null,
      closedAt: null,
      lastEventAt: at.occurredAt,
      revision: at.revision,
    };
  }
  if (record === undefined) throw new Error(`${event.type} before the item was opened`);
  const next = { ...record, lastEventAt: at.occurredAt, revision: at.revision };
  switch (event.type) {
    case 'RagRated':
      return { ...next, rag: event.data.rag, status: 'rag_rated' };
    case 'OwnerAssigned':
      return { ...next, owner: event.data.owner };
    case 'DueDateChanged':
      return { ...next, dueDate: event.data.to, originalDueDate: record.originalDueDate ?? event.data.to };
    case 'SubmittedForClosure':
      return {
        ...next,
        status: 'submitted',
        submittedAt: at.occurredAt,
        submittedBy: event.data.submittedBy,
        lastSubmittedAt: at.occurredAt,
        submittedLevel: record.level,
      };
    case 'SubmissionWithdrawn':
    case 'ClosureReturned':
    case 'HmicfrsRejected':
      return { ...next, status: 'rag_rated', closed: false, submittedAt: null, submittedBy: null };
    case 'SelfCertified':
      return closedIf(record.level === 2, { ...next, status: 'self_certified' }, at);
    case 'SubmittedToHmicfrs':
      return { ...next, status: 'awaiting_hmicfrs' };
    case 'HmicfrsVerified':
      return closedIf(true, { ...next, status: 'hmicfrs_verified' }, at);
    case 'LevelChanged':
      return levelChanged(next, event.data.to, at);
    case 'ClosedAndArchived':
      return closedIf(true, { ...next, status: 'archived', level: 1 }, at);
    case 'Reopened':
      // An item archived before anyone rated it goes back to `open` (the machine's `hasBeenRated`).
      return { ...next, status: record.rag === null ? 'open' : 'rag_rated', closed: false, closedAt: null, submittedAt: null, submittedBy: null };
    case 'MarkedNotApplicable':
      return { ...next, status: 'not_applicable' };
    case 'ProgressNoted':
    case 'EvidenceAttached':
    case 'EvidenceRemoved':
    case 'RecommendationLinked':
      return next;
    // Telling someone about an item is not work on it: the item's last activity stays where it was.
    case 'ReminderIssued':
    case 'Escalated':
      return { ...record, revision: at.revision };
    default: {
      const _: never = event;
      return _;
    }
  }
}

/** Whether the event changes what reports as at a date show (status, level, RAG, owner, dates). */
export function changesReports(event: RecommendationEvent): boolean {
  switch (event.type) {
    case 'ProgressNoted':
    case 'EvidenceAttached':
    case 'EvidenceRemoved':
    case 'RecommendationLinked':
    case 'ReminderIssued':
    case 'Escalated':
      return false;
    default:
      return true;
  }
}

/** A self-certified item follows its new level (the machine's `self_certified.LevelChanged`); elsewhere it stays put. */
function levelChanged(record: ItemRecord, level: 2 | 3 | 4, at: EventTime): ItemRecord {
  if (record.status !== 'self_certified') return { ...record, level };
  if (level === 4) return { ...record, level, status: 'awaiting_hmicfrs', closed: false, closedAt: null };
  return closedIf(level === 2, { ...record, level }, at);
}

/** Closed now, keeping the time it first became so while it stays closed. */
function closedIf(closed: boolean, record: ItemRecord, at: EventTime): ItemRecord {
  if (!closed) return { ...record, closed: false, closedAt: null };
  return { ...record, closed: true, closedAt: record.closed ? record.closedAt : at.occurredAt };
}
