import { Injectable } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import type { Projection, ProjectionSchema, ReadModelWriter, TableName, WriterMode } from '../runtime/projection';
import { RegisterWriter } from './register-writer';
import { NO_NEXT_VERSION } from './register-rows';

/**
 * The register: every item as it stands now; every version of it in both times, so that any report can
 * be drawn up as at a date and as known at a date; the inspection reports; and the counts per kind,
 * level and status and per RAG of the items in progress. One projection, so that the counts always
 * agree with the register they count.
 */
@Injectable()
export class RegisterProjection implements Projection {
  readonly name = 'register';
  /** 9: the items per addressee are counted (`addressee_counts`), so a stored register is rebuilt with them. */
  readonly version: number = 9;
  readonly tables = [
    'register',
    'register_versions',
    'inspections',
    'inspection_activity',
    'inspection_debriefs',
    'register_counts',
    'rag_counts',
    'addressee_counts',
  ] as const;

  /** `rebuildHolds`: how many items a rebuild keeps in memory between batches (about 1 KiB each). */
  constructor(private readonly options: { rebuildHolds: number } = { rebuildHolds: 100_000 }) {}

  schema(t: TableName, g: number): ProjectionSchema {
    return {
      tables: [
        `CREATE TABLE ${t('register')} (
          id TEXT PRIMARY KEY, reference TEXT NOT NULL, kind TEXT NOT NULL, inspection_id TEXT NOT NULL, text TEXT NOT NULL,
          level INTEGER NOT NULL, portfolio TEXT NOT NULL, owner TEXT, rag TEXT, status TEXT NOT NULL,
          closed INTEGER NOT NULL, in_progress INTEGER NOT NULL, due_date TEXT, original_due_date TEXT,
          opened_at TEXT NOT NULL, submitted_at TEXT, submitted_by TEXT, last_submitted_at TEXT, submitted_level INTEGER,
          closed_at TEXT, last_event_at TEXT NOT NULL, revision INTEGER NOT NULL,
          -- where the item stands in the lifecycle (its status, level, ...), as the lifecycle saves it
          lifecycle TEXT NOT NULL,
          -- rowid of the item's latest row in register_versions, whose "next" times the next version fills in
          version_row INTEGER,
          -- the reference as people count it (naturalKey): 33 before 10618, AFI-2 before AFI-10
          reference_key TEXT NOT NULL,
          -- whom HMICFRS addressed it to, as recorded when it was opened
          addressee TEXT NOT NULL,
          -- the months of the publication HMICFRS gave the due date as ("within three months"), until it is changed
          due_within_months INTEGER
        )`,
        // A version holds from (occurred_at, recorded_at) until the next one: as at A, known at K, it is
        // the one with occurred_at <= A and recorded_at <= K whose next version is after A or after K.
        // Both times only grow along an item's stream, so that version is unique. What never changes
        // (kind, report, when opened) is the register's.
        `CREATE TABLE ${t('register_versions')} (
          item_id TEXT NOT NULL, occurred_at TEXT NOT NULL, recorded_at TEXT NOT NULL,
          next_occurred_at TEXT NOT NULL DEFAULT '${NO_NEXT_VERSION}', next_recorded_at TEXT NOT NULL DEFAULT '${NO_NEXT_VERSION}',
          level INTEGER NOT NULL, status TEXT NOT NULL,
          closed INTEGER NOT NULL, in_progress INTEGER NOT NULL, rag TEXT, owner TEXT, due_date TEXT, original_due_date TEXT,
          closed_at TEXT, last_submitted_at TEXT, submitted_level INTEGER
        )`,
        `CREATE TABLE ${t('inspections')} (
          id TEXT PRIMARY KEY, report_type TEXT NOT NULL, title TEXT NOT NULL, published_on TEXT NOT NULL,
          -- when the store learned of it, so a paper as known at a date lists only the reports known then
          recorded_at TEXT NOT NULL,
          -- the grades it gives, per area, as JSON ([{"area", "grade"}]; [] without grades)
          gradings TEXT NOT NULL
        )`,
        // HMICFRS in force: each inspection's fieldwork, with when it was recorded (a paper as known at a
        // date lists what was known then), and every debrief noted, each with its own time.
        `CREATE TABLE ${t('inspection_activity')} (
          id TEXT PRIMARY KEY, inspection_type TEXT NOT NULL, title TEXT NOT NULL,
          fieldwork_from TEXT NOT NULL, fieldwork_to TEXT NOT NULL,
          -- the items it re-visits, as JSON (ids)
          revisits TEXT NOT NULL, purpose TEXT, recorded_at TEXT NOT NULL
        )`,
        `CREATE TABLE ${t('inspection_debriefs')} (activity_id TEXT NOT NULL, notes TEXT NOT NULL, recorded_at TEXT NOT NULL)`,
        `CREATE TABLE ${t('register_counts')} (
          kind TEXT NOT NULL, level INTEGER NOT NULL, status TEXT NOT NULL, items INTEGER NOT NULL,
          PRIMARY KEY (kind, level, status)
        ) WITHOUT ROWID`,
        `CREATE TABLE ${t('rag_counts')} (rag TEXT PRIMARY KEY, items INTEGER NOT NULL) WITHOUT ROWID`,
        // The register page's addressee filter offers each with its count: counting them per page read every item.
        `CREATE TABLE ${t('addressee_counts')} (addressee TEXT PRIMARY KEY, items INTEGER NOT NULL) WITHOUT ROWID`,
      ],
      indexes: [
        // One index per sort of the register, ending in the id as the order does, so that a page deep in
        // it walks an index instead of sorting 50,000 rows (see RegisterQueries.list).
        `CREATE INDEX register_by_reference_g${g} ON ${t('register')} (reference_key, id)`,
        `CREATE INDEX register_by_level_g${g} ON ${t('register')} (level, id)`,
        `CREATE INDEX register_by_status_g${g} ON ${t('register')} (status, id)`,
        `CREATE INDEX register_by_opened_at_g${g} ON ${t('register')} (opened_at, id)`,
        `CREATE INDEX register_by_last_event_at_g${g} ON ${t('register')} (last_event_at, id)`,
        `CREATE INDEX register_by_due_date_any_g${g} ON ${t('register')} (due_date, id)`,
        `CREATE INDEX register_by_due_date_dated_first_g${g} ON ${t('register')} (due_date IS NULL, due_date, id)`,
        `CREATE INDEX register_by_owner_g${g} ON ${t('register')} (owner)`,
        `CREATE INDEX register_by_inspection_g${g} ON ${t('register')} (inspection_id)`,
        `CREATE INDEX register_by_addressee_g${g} ON ${t('register')} (addressee)`,
        `CREATE INDEX register_by_due_date_g${g} ON ${t('register')} (due_date) WHERE in_progress = 1`,
      ],
    };
  }

  writer(db: Database, table: TableName, mode: WriterMode): ReadModelWriter {
    return new RegisterWriter(db, table, mode, this.options.rebuildHolds);
  }
}
