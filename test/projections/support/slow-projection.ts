import type { Projection, ProjectionSchema, ReadModelBatch, ReadModelWriter, TableName, WriterMode } from '@hmicfrs/projections';
import type { Database } from 'better-sqlite3';

/** Hooks into a batch's life, to fail or to be watched at a chosen event. */
export interface BatchHooks {
  /** Called before each event is applied; may throw, or block to make the batch slow. */
  beforeEvent?(projection: string, position: bigint): void;
  began?(projection: string): void;
  finished?(projection: string): void;
}

/** A projection that does what another does, with hooks around its batches. */
export function watched(inner: Projection, hooks: BatchHooks): Projection {
  return {
    name: inner.name,
    version: inner.version,
    tables: inner.tables,
    schema: (table: TableName, generation: number): ProjectionSchema => inner.schema(table, generation),
    writer(db: Database, table: TableName, mode: WriterMode): ReadModelWriter {
      const writer = inner.writer(db, table, mode);
      return {
        done: writer.done && (() => writer.done!()),
        batch(): ReadModelBatch {
          const batch = writer.batch();
          hooks.began?.(inner.name);
          return {
            apply(event) {
              hooks.beforeEvent?.(inner.name, event.position);
              batch.apply(event);
            },
            finish() {
              batch.finish();
              hooks.finished?.(inner.name);
            },
          };
        },
      };
    },
  };
}

/** Blocks the thread: a batch that takes this long per event can be killed in the middle. */
export function blockFor(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
