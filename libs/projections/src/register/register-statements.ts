import type { Database, Statement } from 'better-sqlite3';
import { BulkInsert } from '../runtime/bulk-insert';
import type { TableName } from '../runtime/projection';
import { REGISTER_COLUMNS, type RegisterRow } from './register-rows';

export const VERSION_COLUMNS = [
  'item_id',
  'occurred_at',
  'recorded_at',
  'next_occurred_at',
  'next_recorded_at',
  'level',
  'status',
  'closed',
  'in_progress',
  'rag',
  'owner',
  'due_date',
  'original_due_date',
  'closed_at',
  'last_submitted_at',
  'submitted_level',
] as const;
export const NEXT_OCCURRED = 3;
export const NEXT_RECORDED = 4;

/** Every statement the register projection runs, prepared once per set of tables. */
export interface RegisterStatements {
  select: Statement<[string], [...RegisterRow, number | null]>;
  upsert: Statement<[...RegisterRow, number | null, string]>;
  versions: BulkInsert;
  endVersion: Statement<[string, string, number]>;
  addInspection: Statement<[string, string, string, string, string, string]>;
  addActivity: Statement<[string, string, string, string, string, string, string | null, string]>;
  addDebrief: Statement<[string, string, string]>;
  addCount: Statement<[string, number, string, number]>;
  dropEmptyCounts: Statement<[]>;
  addRag: Statement<[string, number]>;
  dropEmptyRags: Statement<[]>;
  addAddressee: Statement<[string, number]>;
}

export function registerStatements(db: Database, t: TableName): RegisterStatements {
  const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  return {
    select: db
      .prepare<[string], [...RegisterRow, number | null]>(`SELECT ${REGISTER_COLUMNS}, version_row FROM ${t('register')} WHERE id = ?`)
      .raw(),
    upsert: db.prepare(
      `INSERT OR REPLACE INTO ${t('register')} (${REGISTER_COLUMNS}, version_row, reference_key) VALUES (${placeholders(27)})`,
    ),
    versions: new BulkInsert(db, t('register_versions'), VERSION_COLUMNS),
    endVersion: db.prepare(`UPDATE ${t('register_versions')} SET next_occurred_at = ?, next_recorded_at = ? WHERE rowid = ?`),
    addInspection: db.prepare(
      `INSERT OR REPLACE INTO ${t('inspections')} (id, report_type, title, published_on, recorded_at, gradings) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    addActivity: db.prepare(
      `INSERT OR REPLACE INTO ${t('inspection_activity')}
         (id, inspection_type, title, fieldwork_from, fieldwork_to, revisits, purpose, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    addDebrief: db.prepare(`INSERT INTO ${t('inspection_debriefs')} (activity_id, notes, recorded_at) VALUES (?, ?, ?)`),
    addCount: db.prepare(
      `INSERT INTO ${t('register_counts')} (kind, level, status, items) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, level, status) DO UPDATE SET items = items + excluded.items`,
    ),
    dropEmptyCounts: db.prepare(`DELETE FROM ${t('register_counts')} WHERE items = 0`),
    addRag: db.prepare(
      `INSERT INTO ${t('rag_counts')} (rag, items) VALUES (?, ?) ON CONFLICT (rag) DO UPDATE SET items = items + excluded.items`,
    ),
    dropEmptyRags: db.prepare(`DELETE FROM ${t('rag_counts')} WHERE items = 0`),
    addAddressee: db.prepare(
      `INSERT INTO ${t('addressee_counts')} (addressee, items) VALUES (?, ?)
       ON CONFLICT (addressee) DO UPDATE SET items = items + excluded.items`,
    ),
  };
}
