import type { Database, Statement } from 'better-sqlite3';

/** Rows per INSERT: a statement run costs about as much as a few rows, so batches of rows share one. */
const ROWS_PER_STATEMENT = 50;

/**
 * Inserts rows into one table many to a statement. Row ids come out in the order of the rows (SQLite
 * gives each new row the next id), so callers may count back from the last.
 */
export class BulkInsert {
  private readonly many: Statement<unknown[]>;
  private readonly one: Statement<unknown[]>;

  constructor(db: Database, table: string, columns: readonly string[]) {
    const row = `(${columns.map(() => '?').join(', ')})`;
    const insert = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
    this.many = db.prepare(insert + Array.from({ length: ROWS_PER_STATEMENT }, () => row).join(', '));
    this.one = db.prepare(insert + row);
  }

  /** Returns the row id of the last row, or null when there was none. */
  insert(rows: readonly (readonly unknown[])[]): number | null {
    let last: number | null = null;
    let at = 0;
    const values: unknown[] = [];
    for (; at + ROWS_PER_STATEMENT <= rows.length; at += ROWS_PER_STATEMENT) {
      values.length = 0;
      for (let i = at; i < at + ROWS_PER_STATEMENT; i += 1) for (const value of rows[i]) values.push(value);
      last = Number(this.many.run(values).lastInsertRowid);
    }
    for (; at < rows.length; at += 1) last = Number(this.one.run(rows[at]).lastInsertRowid);
    return last;
  }
}
