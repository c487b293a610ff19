import type { Database, Statement } from 'better-sqlite3';
import type { ProjectedEvent } from '../projected-event';
import type { ReadModelBatch, ReadModelWriter, TableName } from '../runtime/projection';

type AuditRow = [string, string, number, string, string, string, string, string, string | null, string, string];

export class AuditWriter implements ReadModelWriter, ReadModelBatch {
  private readonly insert: Statement<AuditRow>;

  constructor(db: Database, t: TableName) {
    this.insert = db.prepare(
      `INSERT INTO ${t('audit_trail')} (position, stream_id, revision, type, user_id, role, occurred_at, recorded_at, reason, command_id, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /** Every event is one row, written as it comes: the batch keeps nothing of its own. */
  batch(): ReadModelBatch {
    return this;
  }

  finish(): void {}

  apply({ position, streamId, revision, fact, metadata }: ProjectedEvent): void {
    const { userId, role, occurredAt, recordedAt, reason, commandId } = metadata;
    this.insert.run(
      position.toString(),
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
    );
  }
}
