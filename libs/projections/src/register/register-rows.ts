import { restorePosition, type IsoDate, type ItemKind, type Level, type Rag, type Status } from '@hmicfrs/lifecycle';
import type { ItemRecord } from './item-record';

/** Sorts after every ISO date: the "next version" of an item's latest version, which has none yet. */
export const NO_NEXT_VERSION = '~';

/** The register's columns, in the order of `RegisterRow`. */
export const REGISTER_COLUMNS =
  'id, reference, kind, inspection_id, text, level, portfolio, owner, rag, status, closed, in_progress, due_date, ' +
  'original_due_date, opened_at, submitted_at, submitted_by, last_submitted_at, submitted_level, closed_at, last_event_at, revision, lifecycle, addressee, due_within_months';

export type RegisterRow = [
  id: string,
  reference: string,
  kind: ItemKind,
  inspectionId: string,
  text: string,
  level: Level,
  portfolio: string,
  owner: string | null,
  rag: Rag | null,
  status: Status,
  closed: 0 | 1,
  inProgress: 0 | 1,
  dueDate: IsoDate | null,
  originalDueDate: IsoDate | null,
  openedAt: string,
  submittedAt: string | null,
  submittedBy: string | null,
  lastSubmittedAt: string | null,
  submittedLevel: Level | null,
  closedAt: string | null,
  lastEventAt: string,
  revision: number,
  /** Where the item stands in the lifecycle, saved: what its next event is followed from. */
  lifecycle: string,
  addressee: string,
  dueWithinMonths: number | null,
];

export function toRow(r: ItemRecord): RegisterRow {
  return [
    r.id,
    r.reference,
    r.kind,
    r.inspectionId,
    r.text,
    r.lifecycle.level,
    r.portfolio,
    r.owner,
    r.rag,
    r.lifecycle.status,
    r.lifecycle.closed ? 1 : 0,
    r.lifecycle.inProgress ? 1 : 0,
    r.dueDate,
    r.originalDueDate,
    r.openedAt,
    r.submittedAt,
    r.submittedBy,
    r.lastSubmittedAt,
    r.submittedLevel,
    r.closedAt,
    r.lastEventAt,
    r.revision,
    r.lifecycle.saved,
    r.addressee,
    r.dueWithinMonths,
  ];
}

export function fromRow(row: RegisterRow): ItemRecord {
  return {
    id: row[0],
    reference: row[1],
    kind: row[2],
    inspectionId: row[3],
    text: row[4],
    portfolio: row[6],
    addressee: row[23],
    lifecycle: restorePosition(row[22]),
    owner: row[7],
    rag: row[8],
    dueDate: row[12],
    dueWithinMonths: row[24],
    originalDueDate: row[13],
    openedAt: row[14],
    submittedAt: row[15],
    submittedBy: row[16],
    lastSubmittedAt: row[17],
    submittedLevel: row[18],
    closedAt: row[19],
    lastEventAt: row[20],
    revision: row[21],
  };
}
