import type { IsoDate, ItemKind, Level, LifecyclePosition, Rag } from '@hmicfrs/lifecycle';

/** One item as the register shows it: where it stands in the lifecycle and the dates the committee asks about. */
export interface ItemRecord {
  id: string;
  reference: string;
  kind: ItemKind;
  inspectionId: string;
  text: string;
  portfolio: string;
  /** Whom HMICFRS addressed it to: the force (chief constables) or another body (IOPC, NPCC, the Home Office). */
  addressee: string;
  /** Status, closed, in progress and level, as the lifecycle has them. */
  lifecycle: LifecyclePosition;
  owner: string | null;
  rag: Rag | null;
  dueDate: IsoDate | null;
  /** Where HMICFRS gave the due date as so many months of the publication, until the date is changed. */
  dueWithinMonths: number | null;
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
