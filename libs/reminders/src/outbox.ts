import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';

export type OutboxStatus = 'pending' | 'sent' | 'cancelled';

/** One message to one person about one item, kept until it is sent or no longer applies. */
export interface OutboxEntry {
  /** `<item>:<kind>:<day>`: one message per item, kind and day. */
  id: string;
  itemId: string;
  kind: string;
  recipient: string;
  /** The due date the message speaks of, so a new due date can cancel it. */
  dueDate: string | null;
  subject: string;
  body: string;
  createdAt: string;
  status: OutboxStatus;
  statusReason: string | null;
}

interface OutboxRow {
  id: string;
  item_id: string;
  kind: string;
  recipient: string;
  due_date: string | null;
  subject: string;
  body: string;
  created_at: string;
  status: OutboxStatus;
  status_reason: string | null;
}

/**
 * The reminders' outbox: a table in DATA_DIR/outbox.db, apart from the events (a message is not a fact of
 * an item's history, and its status changes). Another system may pick up pending messages from it.
 */
export class Outbox {
  private constructor(private readonly db: Database.Database) {}

  static open(dataDir: string): Outbox {
    const file = join(dataDir, 'outbox.db');
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE IF NOT EXISTS outbox (
      id TEXT PRIMARY KEY,
      item_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      recipient TEXT NOT NULL,
      due_date TEXT,
      subject TEXT NOT NULL,
      body TEXT NOT NULL,
      created_at TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'cancelled')),
      status_reason TEXT
    );
    CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (item_id) WHERE status = 'pending';`);
    return new Outbox(db);
  }

  /** Adds the message unless one with its id is already there. */
  add(entry: Omit<OutboxEntry, 'status' | 'statusReason'>): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO outbox (id, item_id, kind, recipient, due_date, subject, body, created_at, status)
         VALUES (@id, @itemId, @kind, @recipient, @dueDate, @subject, @body, @createdAt, 'pending')`,
      )
      .run(entry);
  }

  pendingFor(itemId: string): OutboxEntry[] {
    return this.db
      .prepare<[string], OutboxRow>(`SELECT * FROM outbox WHERE item_id = ? AND status = 'pending' ORDER BY id`)
      .all(itemId)
      .map(entryOf);
  }

  all(): OutboxEntry[] {
    return this.db.prepare<[], OutboxRow>('SELECT * FROM outbox ORDER BY created_at, id').all().map(entryOf);
  }

  mark(id: string, status: Exclude<OutboxStatus, 'pending'>, reason: string | null): void {
    this.db.prepare(`UPDATE outbox SET status = ?, status_reason = ? WHERE id = ? AND status = 'pending'`).run(status, reason, id);
  }

  close(): void {
    this.db.close();
  }
}

function entryOf(row: OutboxRow): OutboxEntry {
  return {
    id: row.id,
    itemId: row.item_id,
    kind: row.kind,
    recipient: row.recipient,
    dueDate: row.due_date,
    subject: row.subject,
    body: row.body,
    createdAt: row.created_at,
    status: row.status,
    statusReason: row.status_reason,
  };
}
