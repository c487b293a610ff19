import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';

/** The file of the read models, next to the embedded store's `events.db`. */
export const READ_MODELS_FILE = 'read-models.db';

const META_TABLES = `
  CREATE TABLE IF NOT EXISTS projection_checkpoints (
    name       TEXT PRIMARY KEY,
    -- The global position of the last event applied, as text: EventStoreDB positions need 128 bits.
    position   TEXT,
    -- The store that position is in (storeKey: 'sqlite:<id>', 'eventstoredb:<id>'): positions mean nothing in another.
    store      TEXT,
    version    INTEGER NOT NULL,
    generation INTEGER NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS leases (
    name       TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,
    host       TEXT NOT NULL,
    pid        INTEGER NOT NULL,
    renewed_at INTEGER NOT NULL
  );
`;

export interface ReadModelDatabaseOptions {
  /** How long a write waits for another process's write (a rebuild's swap, say). Default 30 s. */
  busyTimeoutMs?: number;
  /**
   * Read only, for a worker thread's own connection (docs/architecture.md, "Heavy reads off the request
   * thread"): WAL lets it read beside the projector's writes; the file must already hold the read models.
   */
  readonly?: boolean;
}

/**
 * One SQLite file holding every read model, each projection's checkpoint and the leases that keep
 * two processes from projecting (or rebuilding) at once. WAL: queries read while the projector writes.
 * synchronous=NORMAL: a crash of the process loses nothing committed; a power cut may lose the last
 * commits, and their checkpoints with them, so those events are simply applied again.
 */
export class ReadModelDatabase {
  private constructor(
    readonly db: Database.Database,
    readonly file: string,
  ) {}

  static inDataDir(dataDir: string, options: ReadModelDatabaseOptions = {}): ReadModelDatabase {
    return ReadModelDatabase.open(join(dataDir, READ_MODELS_FILE), options);
  }

  static open(file: string, options: ReadModelDatabaseOptions = {}): ReadModelDatabase {
    const path = resolve(file);
    if (options.readonly) return ReadModelDatabase.openToRead(path, options);
    mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    try {
      db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 30_000}`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // Read models are rewritten often and rebuilt from scratch: a larger page cache pays for itself.
      db.pragma('cache_size = -65536');
      db.pragma('temp_store = MEMORY');
      db.exec(META_TABLES);
      addStoreColumn(db);
      return new ReadModelDatabase(db, path);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private static openToRead(path: string, options: ReadModelDatabaseOptions): ReadModelDatabase {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 30_000}`);
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    return new ReadModelDatabase(db, path);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** A read-model file from before checkpoints named their store: its checkpoints name none (the projector rebuilds them). */
function addStoreColumn(db: Database.Database): void {
  const columns = db.prepare<[], string>("SELECT name FROM pragma_table_info('projection_checkpoints')").pluck().all();
  if (!columns.includes('store')) db.exec('ALTER TABLE projection_checkpoints ADD COLUMN store TEXT');
}
