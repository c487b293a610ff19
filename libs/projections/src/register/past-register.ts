import { Injectable } from '@nestjs/common';
import type { Statement } from 'better-sqlite3';
import type { IsoDate, ItemKind, Level, Rag, Status } from '@hmicfrs/lifecycle';
import { ReadModelDatabase } from '../runtime/read-model-database';
import type { ItemSnapshot } from './item-snapshot';

type Row = [
  id: string,
  kind: ItemKind,
  inspectionId: string,
  openedAt: string,
  level: Level,
  status: Status,
  closed: 0 | 1,
  inProgress: 0 | 1,
  rag: Rag | null,
  owner: string | null,
  dueDate: IsoDate | null,
  originalDueDate: IsoDate | null,
  closedAt: string | null,
  lastSubmittedAt: string | null,
  submittedLevel: Level | null,
];

/** The moment a past view stands at: `asAt` in the world (occurredAt), `knownAt` on record (recordedAt). ISO instants. */
export interface PointInTime {
  asAt: string;
  knownAt: string;
}

/**
 * The register as it stood at any moment, from the versions the register projection keeps: each item's
 * version whose occurredAt and recordedAt are both within the moment and whose next version is not.
 * One pass over the versions in SQLite, one row per item back.
 */
@Injectable()
export class PastRegister {
  private statement: Statement<[PointInTime], Row> | undefined;

  constructor(private readonly database: ReadModelDatabase) {}

  *at(moment: PointInTime): Generator<ItemSnapshot> {
    for (const row of this.select().iterate(moment)) yield snapshotOf(row);
  }

  /** Several moments from one read transaction, so they see the same state of the read model. */
  atEach(moments: PointInTime[]): ItemSnapshot[][] {
    return this.database.db.transaction(() => moments.map((moment) => [...this.at(moment)]))();
  }

  private select(): Statement<[PointInTime], Row> {
    // Prepared on first use: the table may only exist once the projections are set up.
    this.statement ??= this.database.db
      .prepare<[PointInTime], Row>(
        `SELECT v.item_id, r.kind, r.inspection_id, r.opened_at, v.level, v.status, v.closed, v.in_progress, v.rag, v.owner, v.due_date,
                v.original_due_date, v.closed_at, v.last_submitted_at, v.submitted_level
         FROM register_versions v JOIN register r ON r.id = v.item_id
         WHERE v.occurred_at <= @asAt AND v.recorded_at <= @knownAt AND (v.next_occurred_at > @asAt OR v.next_recorded_at > @knownAt)`,
      )
      .raw();
    return this.statement;
  }
}

function snapshotOf(row: Row): ItemSnapshot {
  return {
    id: row[0],
    kind: row[1],
    inspectionId: row[2],
    openedAt: row[3],
    level: row[4],
    status: row[5],
    closed: row[6] === 1,
    inProgress: row[7] === 1,
    rag: row[8],
    owner: row[9],
    dueDate: row[10],
    originalDueDate: row[11],
    closedAt: row[12],
    lastSubmittedAt: row[13],
    submittedLevel: row[14],
  };
}
