import type { Database } from 'better-sqlite3';
import type { ProjectedEvent } from '../projected-event';
import { BulkInsert } from '../runtime/bulk-insert';
import type { ReadModelBatch, ReadModelWriter, TableName } from '../runtime/projection';

const COLUMNS = ['stream_id', 'revision', 'type', 'user_id', 'role', 'occurred_at', 'recorded_at', 'reason', 'command_id', 'data'];

export class AuditWriter implements ReadModelWriter {
  private readonly rows: BulkInsert;

  constructor(db: Database, t: TableName) {
    this.rows = new BulkInsert(db, t('audit_trail'), COLUMNS);
  }

  batch(): ReadModelBatch {
    return new AuditBatch(this.rows);
  }
}

/** One row per event, inserted many at a time when the batch finishes. */
class AuditBatch implements ReadModelBatch {
  private readonly pending: unknown[][] = [];

  constructor(private readonly rows: BulkInsert) {}

  apply({ streamId, revision, fact, metadata }: ProjectedEvent): void {
    const { userId, role, occurredAt, recordedAt, reason, commandId } = metadata;
    this.pending.push([
      streamId,
      revision,
      fact.type,
      userId,
      role,
      occurredAt,
      recordedAt,
      reason ?? null,
      commandId,
      JSON.stringify(fact.data),
    ]);
  }

  finish(): void {
    this.rows.insert(this.pending);
  }
}
