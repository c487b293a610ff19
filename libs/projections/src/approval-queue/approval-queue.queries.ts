import { Injectable } from '@nestjs/common';
import type { Evidence, ItemKind, Level } from '@hmicfrs/lifecycle';
import { ReadModelDatabase } from '../runtime/read-model-database';

/** A submission waiting for the DCC. */
export interface AwaitingApproval {
  id: string;
  reference: string;
  kind: ItemKind;
  level: Level;
  inspectionId: string;
  text: string;
  owner: string | null;
  submittedAt: string;
  submittedBy: string;
  /** The evidence exactly as submitted: what the DCC approves. */
  evidence: Evidence[];
}

export interface ApprovalQueuePage {
  items: AwaitingApproval[];
  total: number;
  limit: number;
  offset: number;
}

type Row = {
  id: string;
  reference: string;
  kind: ItemKind;
  level: Level;
  inspection_id: string;
  text: string;
  owner: string | null;
  submitted_at: string;
  submitted_by: string;
  evidence: string;
};

@Injectable()
export class ApprovalQueueQueries {
  constructor(private readonly database: ReadModelDatabase) {}

  /** The oldest submission first: the DCC works down the queue. */
  approvalQueue(page: { limit: number; offset: number }): ApprovalQueuePage {
    const { db } = this.database;
    return db.transaction(() => {
      const total = db.prepare('SELECT count(*) FROM approval_queue').pluck().get() as number;
      const rows = db
        .prepare(
          `SELECT i.id, i.reference, i.kind, i.level, i.inspection_id, i.text, i.owner, q.submitted_at, q.submitted_by, q.evidence
           FROM approval_queue q JOIN approval_items i ON i.id = q.item_id
           ORDER BY q.submitted_at, q.item_id LIMIT ? OFFSET ?`,
        )
        .all(page.limit, page.offset) as Row[];
      return {
        items: rows.map((row) => ({
          id: row.id,
          reference: row.reference,
          kind: row.kind,
          level: row.level,
          inspectionId: row.inspection_id,
          text: row.text,
          owner: row.owner,
          submittedAt: row.submitted_at,
          submittedBy: row.submitted_by,
          evidence: JSON.parse(row.evidence) as Evidence[],
        })),
        total,
        ...page,
      };
    })();
  }
}
