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

/** Up to this many entries in a date range are read by their date and sorted into the global order. */
const FEW_ENOUGH_TO_SORT = 1_000;

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
    const { db } = this.database;
    const named = { ...filter, after: page.after, limit: page.limit + 1, few: FEW_ENOUGH_TO_SORT };
    // A few entries in the date range (today's, on the auditor's home page) are found by their date and
    // sorted: the global order alone would read the whole trail, before the range, to find none.
    const dates = [filter.from !== undefined ? 'occurred_at >= @from' : '', filter.to !== undefined ? 'occurred_at <= @to' : '']
      .filter(Boolean)
      .join(' AND ');
    const byDate =
      dates !== '' &&
      filter.item === undefined &&
      filter.user === undefined &&
      (db.prepare(`SELECT count(*) FROM (SELECT 1 FROM audit_trail WHERE ${dates} LIMIT @few)`).pluck().get(named) as number) <
        FEW_ENOUGH_TO_SORT;
    const rows = db
      .prepare(
        `SELECT * FROM audit_trail WHERE ${clauses.join(' AND ')}${byDate ? ` AND seq IN (SELECT seq FROM audit_trail WHERE ${dates})` : ''}
         ORDER BY seq LIMIT @limit`,
      )
      .all(named) as Row[];
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
