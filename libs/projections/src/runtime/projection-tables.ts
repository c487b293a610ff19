import type { Database } from 'better-sqlite3';
import type { Projection, TableName } from './projection';

/** Where a rebuild writes, beside the live tables that queries keep reading. */
export const liveTable: TableName = (base) => base;
export const rebuildTable: TableName = (base) => `${base}__rebuild`;

/** Creates the live tables with their indexes if they are not there yet. */
export function createLiveTables(db: Database, projection: Projection, generation: number): void {
  const { tables, indexes } = projection.schema(liveTable, generation);
  for (const statement of [...tables, ...indexes]) db.exec(ifNotExists(statement));
}

/** Fresh, empty, unindexed tables for a rebuild; whatever an interrupted rebuild left is dropped first. */
export function createRebuildTables(db: Database, projection: Projection): void {
  dropRebuildTables(db, projection);
  for (const statement of projection.schema(rebuildTable, 0).tables) db.exec(statement);
}

export function indexRebuildTables(db: Database, projection: Projection, generation: number): void {
  for (const statement of projection.schema(rebuildTable, generation).indexes) db.exec(statement);
}

export function dropRebuildTables(db: Database, projection: Projection): void {
  for (const base of projection.tables) db.exec(`DROP TABLE IF EXISTS ${rebuildTable(base)}`);
}

/** Replaces the live tables by the rebuilt ones; call inside the transaction that also moves the checkpoint. */
export function swapInRebuiltTables(db: Database, projection: Projection): void {
  for (const base of projection.tables) {
    db.exec(`DROP TABLE IF EXISTS ${liveTable(base)}`);
    db.exec(`ALTER TABLE ${rebuildTable(base)} RENAME TO ${liveTable(base)}`);
  }
}

function ifNotExists(statement: string): string {
  return statement.replace(
    /^\s*CREATE (UNIQUE |VIRTUAL )?(TABLE|INDEX) /i,
    (_, qualifier: string | undefined, kind: string) => `CREATE ${qualifier ?? ''}${kind} IF NOT EXISTS `,
  );
}
