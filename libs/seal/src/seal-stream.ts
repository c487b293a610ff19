import type { EventStore, RecordedEvent } from '@hmicfrs/event-store';
import {
  CHECKPOINT_EVENT,
  CheckpointUnreadable,
  SEAL_STREAM,
  parseCheckpoint,
  type CheckpointHead,
  type StoredCheckpoint,
} from './checkpoint';

/** The seal stream's last event, found in a few single-event reads (doubling, then halving), not by reading it all. */
export async function lastCheckpoint(store: EventStore): Promise<StoredCheckpoint | null> {
  const at = async (revision: number): Promise<RecordedEvent | undefined> =>
    (await store.readStream(SEAL_STREAM, { fromRevision: revision, toRevision: revision }))[0];
  let found = await at(0);
  if (found === undefined) return null;
  let low = 0; // a revision known to exist
  let high = 1;
  for (;;) {
    const event = await at(high);
    if (event === undefined) break;
    found = event;
    low = high;
    high *= 2;
  }
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const event = await at(middle);
    if (event === undefined) high = middle;
    else [low, found] = [middle, event];
  }
  return checkpointOf(found);
}

/** The last checkpoint the store had recorded by `knownAt`, or null. */
export async function lastCheckpointBy(store: EventStore, knownAt: Date): Promise<StoredCheckpoint | null> {
  const events = await store.readStream(SEAL_STREAM, { recordedUpTo: knownAt });
  return events.length === 0 ? null : checkpointOf(events[events.length - 1]);
}

/** Every checkpoint the store holds, in order. */
export async function storedCheckpoints(store: EventStore): Promise<{ checkpoints: StoredCheckpoint[]; events: RecordedEvent[] }> {
  const events = await store.readStream(SEAL_STREAM);
  return { checkpoints: events.map(checkpointOf), events };
}

export function checkpointOf(event: RecordedEvent): StoredCheckpoint {
  const where = `${SEAL_STREAM} revision ${event.revision}`;
  if (event.type !== CHECKPOINT_EVENT) throw new CheckpointUnreadable(`${where} is a ${event.type}, not a ${CHECKPOINT_EVENT}`);
  const signed = parseCheckpoint(event.data, where);
  const heads = (event.data as { heads?: unknown }).heads;
  if (!Array.isArray(heads)) throw new CheckpointUnreadable(`${where}: heads is not a list`);
  return { ...signed, heads: heads as CheckpointHead[] };
}
