import type { IsoDate, ItemKind, Level, Rag, Status } from '@hmicfrs/lifecycle';

/** An item as it stood at a date, as far as was known at a date: what reports count. */
export interface ItemSnapshot {
  id: string;
  kind: ItemKind;
  inspectionId: string;
  openedAt: string;
  level: Level;
  status: Status;
  closed: boolean;
  inProgress: boolean;
  rag: Rag | null;
  owner: string | null;
  dueDate: IsoDate | null;
  originalDueDate: IsoDate | null;
  closedAt: string | null;
  lastSubmittedAt: string | null;
  submittedLevel: Level | null;
}
