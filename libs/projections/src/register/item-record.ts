import type { IsoDate, ItemKind, Level, Rag, Status } from '@hmicfrs/lifecycle';

/** One item as the register shows it: its current state and the dates the committee asks about. */
export interface ItemRecord {
  id: string;
  reference: string;
  kind: ItemKind;
  inspectionId: string;
  text: string;
  level: Level;
  portfolio: string;
  owner: string | null;
  rag: Rag | null;
  status: Status;
  closed: boolean;
  dueDate: IsoDate | null;
  originalDueDate: IsoDate | null;
  /** When the item was opened (occurredAt). */
  openedAt: string;
  /** When the submission now pending or approved was made; null once it is withdrawn, returned, rejected or reopened. */
  submittedAt: string | null;
  submittedBy: string | null;
  /** The latest submission for closure ever made, kept through returns and reopenings: the JAC counts submissions. */
  lastSubmittedAt: string | null;
  /** The level the item had when it was last submitted. */
  submittedLevel: Level | null;
  /** When the item last became closed; null while it is not closed. */
  closedAt: string | null;
  /** occurredAt of the item's latest event. */
  lastEventAt: string;
  revision: number;
}

/** Still being worked on (the lifecycle's `in_progress` tag): what RAG counts and overdue lists are about. */
export function isInProgress(record: Pick<ItemRecord, 'status' | 'closed'>): boolean {
  switch (record.status) {
    case 'open':
    case 'rag_rated':
    case 'submitted':
    case 'awaiting_hmicfrs':
      return true;
    case 'self_certified':
      return !record.closed;
    case 'hmicfrs_verified':
    case 'archived':
    case 'not_applicable':
      return false;
    default: {
      const _: never = record.status;
      return _;
    }
  }
}
