import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { NewEvent } from '@hmicfrs/event-store';
import { EVENT_COLUMNS } from '../libs/event-store/src/sqlite/event-rows';
import { applyPragmas, ensureSchema } from '../libs/event-store/src/sqlite/schema';

/** Stands in for the store's stamp, so raw rows are exactly as large as the adapter's. */
const HASH_SIZED = 'f'.repeat(64);

/**
 * The baseline: better-sqlite3 on the adapter's own schema and pragmas, one transaction per append,
 * with no validation, no hash chain, no revision or duplicate check. It still does what any writer
 * must: build the events, give each an id, JSON.stringify data and metadata.
 */
export class RawSqlite {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<unknown[]>;
  private readonly appendBatch: (streamId: string, events: readonly NewEvent[], revision: number) => void;

  constructor(file: string) {
    this.db = new Database(file);
    applyPragmas(this.db, { busyTimeoutMs: 5000 });
    ensureSchema(this.db, file);
    this.insert = this.db.prepare(
      'INSERT INTO events (stream_id, revision, id, type, data, metadata, command_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.appendBatch = this.db.transaction((streamId: string, events: readonly NewEvent[], revision: number) => {
      const recordedAt = new Date().toISOString();
      for (let i = 0; i < events.length; i += 1) {
        const event = events[i];
        const metadata = { ...event.metadata, recordedAt, previousHash: HASH_SIZED, hash: HASH_SIZED };
        this.insert.run(
          streamId,
          revision + i,
          randomUUID(),
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(metadata),
          event.metadata.commandId,
          recordedAt,
        );
      }
    }).immediate;
  }

  append(streamId: string, events: readonly NewEvent[], firstRevision: number): void {
    this.appendBatch(streamId, events, firstRevision);
  }

  /** Every row in global order, parsing data and metadata as any consumer must; returns the count. */
  readAll(): number {
    let count = 0;
    const rows = this.db.prepare(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY position`).raw();
    for (const row of rows.iterate() as IterableIterator<unknown[]>) {
      JSON.parse(row[5] as string);
      JSON.parse(row[6] as string);
      count += 1;
    }
    return count;
  }

  close(): void {
    this.db.close();
  }
}
