import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { EventStoreUnavailable } from '../errors';

/** Bumped when the table changes; a file written by a newer version is refused rather than misread. */
export const SCHEMA_VERSION = 1;

/**
 * `position` is the rowid: SQLite serialises writers and gives each row max(rowid)+1 inside the write
 * transaction, so positions become visible in order with no gaps a reader could skip past. Events are
 * never deleted, so a position is never reused without the cost of AUTOINCREMENT.
 * UNIQUE(stream_id, revision) makes the schema itself refuse a second event at one revision.
 */
const EVENTS_TABLE = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY,
    stream_id   TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    id          TEXT    NOT NULL UNIQUE,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    command_id  TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    UNIQUE (stream_id, revision)
  );
  CREATE INDEX IF NOT EXISTS events_stream_command ON events (stream_id, command_id);
`;

export interface Pragmas {
  busyTimeoutMs: number;
}

/**
 * WAL lets readers run beside the one writer; synchronous=FULL fsyncs the WAL on every commit, so an
 * append that returned survives a power cut, not only a crash of the process.
 */
export function applyPragmas(db: Database, { busyTimeoutMs }: Pragmas): void {
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  if (!db.readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // Appends sharing a commit run in savepoints, whose sub-journal is then kept in memory, not a temp file.
  db.pragma('temp_store = MEMORY');
}

/**
 * The store's identity (`EventStore.identity`): a random id made once, when the file is first opened
 * for writing, and kept in the file itself, so it goes wherever the events go (a copy, a backup
 * restored) and a new or wiped file gets a new one. Added beside the schema rather than in it, so a
 * file of this schema version stays readable by earlier programs.
 */
export function ensureStoreId(db: Database): string | undefined {
  if (!db.readonly) {
    db.exec('CREATE TABLE IF NOT EXISTS store_identity (only INTEGER PRIMARY KEY CHECK (only = 1), id TEXT NOT NULL)');
    db.prepare('INSERT OR IGNORE INTO store_identity (only, id) VALUES (1, ?)').run(randomUUID());
  }
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_identity'").get();
  if (table === undefined) return undefined;
  return db.prepare<[], string>('SELECT id FROM store_identity WHERE only = 1').pluck().get();
}

/** Creates the table in a new file; refuses a file from a newer version of the schema. */
export function ensureSchema(db: Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new EventStoreUnavailable(`${file} has schema version ${version}, newer than this program's ${SCHEMA_VERSION}`);
  }
  if (version === SCHEMA_VERSION || db.readonly) return;
  db.transaction(() => {
    db.exec(EVENTS_TABLE);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
