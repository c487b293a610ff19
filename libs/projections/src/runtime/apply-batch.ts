import type { RecordedEvent } from '@hmicfrs/event-store';
import { projectedEvent } from '../projected-event';
import type { Checkpoint } from './checkpoints';
import type { ReadModelWriter } from './projection';

/** A projection being fed: its writer and where it stands. */
export interface Target {
  name: string;
  writer: ReadModelWriter;
  checkpoint: Checkpoint;
}

/**
 * Feeds each target the events past its own checkpoint and returns where each then stands. Runs inside
 * the caller's transaction, which also writes the checkpoints: all of it lands, or none of it.
 * Events outside the domain move the checkpoints on without touching a read model.
 */
export function applyBatch(targets: readonly Target[], recorded: readonly RecordedEvent[]): Checkpoint[] {
  const events = recorded.map(projectedEvent);
  return targets.map(({ writer, checkpoint }) => {
    const batch = writer.batch();
    let position = checkpoint.position;
    for (let i = 0; i < recorded.length; i += 1) {
      const at = recorded[i].position;
      if (position !== null && at <= position) continue;
      const event = events[i];
      if (event !== undefined) batch.apply(event);
      position = at;
    }
    batch.finish();
    return { ...checkpoint, position };
  });
}
