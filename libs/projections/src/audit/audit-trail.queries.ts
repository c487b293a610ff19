import { Injectable } from '@nestjs/common';
import { ReadModelDatabase } from '../runtime/read-model-database';

export interface AuditFilter {
  /** An item's id. */
  item?: string;
  user?: string;
  /** occurredAt from (inclusive) and to (inclusive), ISO instants. */
  from?: string;
  to?: string;
}

export interface AuditEntry {
  /** The trail's own order (the global order); pass the last one seen as `after` for the next page. */
  seq: number;
  streamId: string;
  revision: number;
  type: string;
  userId: string;
  role: string;
  occurredAt: string;
  recordedAt: string;
  reason: string | null;
  commandId: string;
  data: unknown;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** `after` for the next page; null on the last. */
  next: number | null;
}

type Row = {
  seq: number;
  stream_id: string;
  revision: number;
  type: string;
  user_id: string;
  role: string;
  occurred_at: string;
  recorded_at: string;
  reason: string | null;
  command_id: string;
  data: string;
};

@Injectable()
export class AuditTrailQueries {
  constructor(private readonly database: ReadModelDatabase) {}

  /** Entries in the global order after `after`, by item, user and occurredAt range. */
  auditTrail(filter: AuditFilter, page: { limit: number; after: number }): AuditPage {
    const clauses = ['seq > @after'];
    if (filter.item !== undefined) clauses.push("stream_id = 'recommendation-' || @item");
    if (filter.user !== undefined) clauses.push('user_id = @user');
    if (filter.from !== undefined) clauses.push('occurred_at >= @from');
    if (filter.to !== undefined) clauses.push('occurred_at <= @to');
    const rows = this.database.db
      .prepare(`SELECT * FROM audit_trail WHERE ${clauses.join(' AND ')} ORDER BY seq LIMIT @limit`)
      .all({ ...filter, after: page.after, limit: page.limit + 1 }) as Row[];
    const more = rows.length > page.limit;
    const entries = rows.slice(0, page.limit).map((row) => ({
      seq: row.seq,
      streamId: row.stream_id,
      revision: row.revision,
      type: row.type,
      userId: row.user_id,
      role: row.role,
      occurredAt: row.occurred_at,
      recordedAt: row.recorded_at,
      reason: row.reason,
      commandId: row.command_id,
      data: JSON.parse(row.data) as unknown,
    }));
    return { entries, next: more ? entries[entries.length - 1].seq : null };
  }
}
