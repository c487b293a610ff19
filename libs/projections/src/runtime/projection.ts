import type { Database } from 'better-sqlite3';
import type { ProjectedEvent } from '../projected-event';

/** The actual name of one of a projection's tables: the live one, or the one a rebuild fills. */
export type TableName = (base: string) => string;

export interface ProjectionSchema {
  /** CREATE TABLE statements. */
  tables: string[];
  /** CREATE INDEX statements; a rebuild creates them once its tables are full, which is faster than keeping them up as it goes. */
  indexes: string[];
}

/**
 * A read model fed from the store's global order. The runtime gives it a transaction per batch of
 * events, and writes its checkpoint in that same transaction.
 */
export interface Projection {
  /** As the CLI and the checkpoint table name it: `register`, `approvalQueue`, `audit`. */
  readonly name: string;
  /** Raised when what the projection writes changes: a read model of another version is rebuilt at start. */
  readonly version: number;
  /** The base names of its tables. */
  readonly tables: readonly string[];
  /** `generation` goes up with each rebuild, so that a rebuilt table's index names never meet the old ones. */
  schema(table: TableName, generation: number): ProjectionSchema;
  /** Prepares its statements on these tables. */
  writer(db: Database, table: TableName, mode: WriterMode): ReadModelWriter;
}

/**
 * `live`: every batch leaves the read model complete, for queries. `rebuild`: nobody reads the tables
 * until the swap, so a writer may hold rows back between batches and write them once, in `done`.
 */
export type WriterMode = 'live' | 'rebuild';

export interface ReadModelWriter {
  /** A fresh batch inside a transaction; a batch that was rolled back is never used again. */
  batch(): ReadModelBatch;
  /** Rebuild only: writes what was held back; called once, inside a transaction, after the last batch. */
  done?(): void;
}

export interface ReadModelBatch {
  apply(event: ProjectedEvent): void;
  /** Writes what the batch gathered, still inside the transaction. */
  finish(): void;
}
