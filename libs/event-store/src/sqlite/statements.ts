import type { Database, Statement } from 'better-sqlite3';
import { EVENT_COLUMNS, type AuditRow, type EventRow } from './event-rows';

export interface ReadStreamParameters {
  streamId: string;
  from: number;
  to: number;
  upTo: string | null;
}

/** Every statement the store runs, prepared once when it opens. */
export interface Statements {
  insert: Statement<[string, number, string, string, string, string, string, string]>;
  byCommand: Statement<[string, string], EventRow>;
  /** The stream's last revision and hash: where the next append chains from. */
  streamHead: Statement<[string], [revision: number, hash: string]>;
  lastRecordedAt: Statement<[], string>;
  /** One page of the global order with the `recorded_at` column beside the sealed metadata, for verification. */
  readAuditPage: Statement<[bigint, number], AuditRow>;
  /** One page of the global order as the sealer needs it: position, stream, revision, stored hash. */
  readHashPage: Statement<[bigint, number], [position: number, streamId: string, revision: number, hash: string]>;
  readStream: Statement<[ReadStreamParameters], EventRow>;
  streamExists: Statement<[string], number | undefined>;
  readPage: Statement<[bigint, number], EventRow>;
  streamIds: Statement<[string, number], string>;
  lastPosition: Statement<[], number | null>;
}

export function prepareStatements(db: Database): Statements {
  return {
    insert: db.prepare(
      'INSERT INTO events (stream_id, revision, id, type, data, metadata, command_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    byCommand: db
      .prepare<[string, string], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND command_id = ? ORDER BY position`)
      .raw(),
    streamHead: db
      .prepare<[string], [number, string]>(
        "SELECT revision, json_extract(metadata, '$.hash') FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1",
      )
      .raw(),
    // The sealed time (the hash covers metadata.recordedAt), not the recorded_at column beside it, which
    // only verification reads: an edited column can neither move the clock nor change an "as known at" read.
    lastRecordedAt: db
      .prepare<[], string>("SELECT json_extract(metadata, '$.recordedAt') FROM events ORDER BY position DESC LIMIT 1")
      .pluck(),
    readAuditPage: db
      .prepare<[bigint, number], AuditRow>(`SELECT ${EVENT_COLUMNS}, recorded_at FROM events WHERE position > ? ORDER BY position LIMIT ?`)
      .raw(),
    readHashPage: db
      .prepare<[bigint, number], [number, string, number, string]>(
        "SELECT position, stream_id, revision, json_extract(metadata, '$.hash') FROM events WHERE position > ? ORDER BY position LIMIT ?",
      )
      .raw(),
    readStream: db
      .prepare<ReadStreamParameters, EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events
         WHERE stream_id = @streamId AND revision BETWEEN @from AND @to AND (@upTo IS NULL OR json_extract(metadata, '$.recordedAt') <= @upTo)
         ORDER BY revision`,
      )
      .raw(),
    streamExists: db.prepare<[string], number | undefined>('SELECT 1 FROM events WHERE stream_id = ? LIMIT 1').pluck(),
    readPage: db
      .prepare<[bigint, number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`)
      .raw(),
    streamIds: db
      .prepare<[string, number], string>('SELECT DISTINCT stream_id FROM events WHERE stream_id > ? ORDER BY stream_id LIMIT ?')
      .pluck(),
    lastPosition: db.prepare<[], number | null>('SELECT max(position) FROM events').pluck(),
  };
}
