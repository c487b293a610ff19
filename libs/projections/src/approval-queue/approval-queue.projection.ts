import { Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import type { Projection, ProjectionSchema, ReadModelWriter, TableName } from '../runtime/projection';
import { ApprovalQueueWriter } from './approval-queue-writer';

/**
 * The DCC's approval queue: items submitted for closure and not yet approved, returned or withdrawn,
 * with who submitted them and the evidence as submitted. It keeps the few facts of each item it shows
 * (`approval_items`), so it never waits on another projection.
 */
@Injectable()
export class ApprovalQueueProjection implements Projection {
  readonly name = 'approvalQueue';
  /** 2: evidence is a stored document or a reference held elsewhere (EvidenceAttached v2). */
  readonly version: number = 2;
  readonly tables = ['approval_items', 'approval_queue'] as const;

  schema(t: TableName, g: number): ProjectionSchema {
    return {
      tables: [
        `CREATE TABLE ${t('approval_items')} (
          id TEXT PRIMARY KEY, reference TEXT NOT NULL, kind TEXT NOT NULL, inspection_id TEXT NOT NULL, text TEXT NOT NULL,
          level INTEGER NOT NULL, owner TEXT
        ) WITHOUT ROWID`,
        `CREATE TABLE ${t('approval_queue')} (
          item_id TEXT PRIMARY KEY, submitted_at TEXT NOT NULL, submitted_by TEXT NOT NULL, evidence TEXT NOT NULL
        ) WITHOUT ROWID`,
      ],
      indexes: [`CREATE INDEX approval_queue_by_age_g${g} ON ${t('approval_queue')} (submitted_at, item_id)`],
    };
  }

  writer(db: Database, table: TableName): ReadModelWriter {
    return new ApprovalQueueWriter(db, table);
  }
}
