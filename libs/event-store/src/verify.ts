import type { EventStore } from './event-store.port';
import { verifyChain, type ChainVerdict } from './hash-chain';

export type BrokenChain = Extract<ChainVerdict, { intact: false }>;

export interface StoreVerdict {
  streams: number;
  events: number;
  /** Every stream whose chain does not hold, each with its first broken link. Empty: nothing was altered. */
  broken: BrokenChain[];
}

/**
 * Checks the hash chain of every stream in the store. Streams are read one at a time, so memory
 * stays bounded by the largest stream, not the store.
 */
export async function verifyStore(store: EventStore): Promise<StoreVerdict> {
  const verdict: StoreVerdict = { streams: 0, events: 0, broken: [] };
  for await (const streamId of store.streamIds()) {
    const events = await store.readStream(streamId);
    const chain = verifyChain(streamId, events);
    verdict.streams += 1;
    verdict.events += events.length;
    if (!chain.intact) verdict.broken.push(chain);
  }
  return verdict;
}
