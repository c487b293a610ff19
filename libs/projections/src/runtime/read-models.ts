import { Checkpoints } from './checkpoints';
import type { Projection } from './projection';
import { createLiveTables } from './projection-tables';
import type { ReadModelDatabase } from './read-model-database';

/**
 * Makes sure every projection has its tables and a checkpoint, so queries answer (empty) before the
 * first event is projected. A projection stored under another version keeps its old tables until the
 * projector rebuilds it: queries go on answering from them meanwhile.
 */
export function ensureReadModels(database: ReadModelDatabase, projections: readonly Projection[]): void {
  const { db } = database;
  const checkpoints = new Checkpoints(db);
  db.transaction(() => {
    for (const projection of projections) {
      const checkpoint = checkpoints.read(projection.name);
      if (checkpoint === undefined) {
        createLiveTables(db, projection, 0);
        checkpoints.write(projection.name, { position: null, store: null, version: projection.version, generation: 0 });
      } else if (checkpoint.version === projection.version) {
        createLiveTables(db, projection, checkpoint.generation);
      }
    }
  }).immediate();
}
