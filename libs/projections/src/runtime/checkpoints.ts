import type { Database, Statement } from 'better-sqlite3';
import type { GlobalPosition } from '@hmicfrs/event-store';
import { CheckpointMoved } from '../errors';

/**
 * Where a projection stands: the last position applied (null: nothing yet), the store that position is
 * in (`storeKey`; null: nothing applied yet, or a checkpoint from before checkpoints named their store),
 * its code version, its rebuild generation.
 */
export interface Checkpoint {
  position: GlobalPosition | null;
  store: string | null;
  version: number;
  generation: number;
}

type Row = [position: string | null, store: string | null, version: number, generation: number];

/** The checkpoint table. Every write runs inside the caller's transaction, beside the read-model change it records. */
export class Checkpoints {
  private readonly select: Statement<[string], Row>;
  private readonly upsert: Statement<[string, string | null, string | null, number, number]>;

  constructor(db: Database) {
    this.select = db.prepare<[string], Row>('SELECT position, store, version, generation FROM projection_checkpoints WHERE name = ?').raw();
    // updated_at is the database's own stamp, for an operator reading the table, as recordedAt is the store's.
    this.upsert = db.prepare(
      `INSERT INTO projection_checkpoints (name, position, store, version, generation, updated_at) VALUES (?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, store = excluded.store, version = excluded.version,
         generation = excluded.generation, updated_at = excluded.updated_at`,
    );
  }

  read(name: string): Checkpoint | undefined {
    const row = this.select.get(name);
    if (row === undefined) return undefined;
    return { position: row[0] === null ? null : BigInt(row[0]), store: row[1], version: row[2], generation: row[3] };
  }

  write(name: string, checkpoint: Checkpoint): void {
    const { position, store, version, generation } = checkpoint;
    this.upsert.run(name, position === null ? null : position.toString(), store, version, generation);
  }

  /**
   * Throws CheckpointMoved unless the projection still stands where this process last saw it: another
   * projector got there first, or a rebuild swapped in new tables. Applying the batch then would apply
   * events twice, or to tables that are not the ones it read.
   */
  expect(name: string, seen: Checkpoint | undefined): void {
    const now = this.read(name);
    if (!sameCheckpoint(now, seen)) throw new CheckpointMoved(name);
  }
}

export function sameCheckpoint(a: Checkpoint | undefined, b: Checkpoint | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.position === b.position && a.store === b.store && a.version === b.version && a.generation === b.generation;
}
