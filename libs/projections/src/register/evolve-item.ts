import { follow, type RecommendationEvent } from '@hmicfrs/lifecycle';
import type { ItemRecord } from './item-record';

/** When and in which stream position the event happened. */
export interface EventTime {
  occurredAt: string;
  revision: number;
}

/**
 * The register's fold: one stored event applied to an item's record. Where the event takes the item
 * (status, closed, level, whether a submission stands) is the lifecycle's to say (`follow`); the
 * register adds what the event records and when things happened.
 */
export function evolveItem(record: ItemRecord | undefined, event: RecommendationEvent, at: EventTime): ItemRecord {
  const lifecycle = follow(record?.lifecycle, event);
  if (event.type === 'RecommendationOpened') {
    const { id, reference, kind, inspectionId, text, portfolio, addressee, owner, dueDate, dueWithin } = event.data;
    return {
      id,
      reference,
      kind,
      inspectionId,
      text,
      portfolio,
      addressee,
      lifecycle,
      owner: owner ?? null,
      rag: null,
      dueDate: dueDate ?? null,
      dueWithinMonths: dueWithin?.months ?? null,
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
  // `follow` has refused an event before the opening.
  const before = record!;
  const next: ItemRecord = {
    ...before,
    lifecycle,
    // Closed now, keeping the time it first became so while it stays closed.
    closedAt: !lifecycle.closed ? null : before.lifecycle.closed ? before.closedAt : at.occurredAt,
    revision: at.revision,
  };
  switch (event.type) {
    case 'RagRated':
      next.rag = event.data.rag;
      break;
    case 'OwnerAssigned':
      next.owner = event.data.owner;
      break;
    case 'DueDateChanged':
      next.dueDate = event.data.to;
      next.dueWithinMonths = null;
      next.originalDueDate = before.originalDueDate ?? event.data.to;
      break;
    case 'Reopened':
      // A fresh start: no rating, the new due date (one recorded before version 2 kept both).
      if (event.data.freshRating) {
        next.rag = null;
        next.dueDate = event.data.dueDate;
        next.dueWithinMonths = null;
        next.originalDueDate = before.originalDueDate ?? event.data.dueDate;
      }
      break;
    case 'SubmittedForClosure':
      next.submittedAt = next.lastSubmittedAt = at.occurredAt;
      next.submittedBy = event.data.submittedBy;
      next.submittedLevel = before.lifecycle.level;
      break;
  }
  if (!lifecycle.submitted) {
    next.submittedAt = null;
    next.submittedBy = null;
  }
  // Telling someone about an item is not work on it: the item's last activity stays where it was.
  if (event.type !== 'ReminderIssued' && event.type !== 'Escalated') next.lastEventAt = at.occurredAt;
  return next;
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
