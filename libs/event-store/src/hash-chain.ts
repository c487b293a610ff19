import { createHash } from 'node:crypto';
import type { EventContext, RecordedEvent } from './event';

export const GENESIS_HASH = '0'.repeat(64);

/** Everything about an event that the hash covers: all of it but its global position and its own hash. */
export interface HashedContent {
  id: string;
  streamId: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: EventContext & { recordedAt: string; previousHash: string };
}

/**
 * JSON with object keys sorted at every depth, so the same content always hashes the same,
 * whichever adapter stored it and whatever order its JSON came back in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

/** SHA-256 (hex) of the event's canonical content, which includes the previous event's hash. */
export function hashEvent(content: HashedContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

export type ChainVerdict =
  | { intact: true; streamId: string; events: number; lastHash: string }
  | { intact: false; streamId: string; brokenAt: number; eventId: string; reason: string };

/** Walks one stream's events in revision order and names the first link that does not hold. */
export function verifyChain(streamId: string, events: Iterable<RecordedEvent>): ChainVerdict {
  let previousHash = GENESIS_HASH;
  let expectedRevision = 0;
  for (const event of events) {
    const { hash, ...metadata } = event.metadata;
    const broken = (reason: string): ChainVerdict => ({
      intact: false,
      streamId,
      brokenAt: event.revision,
      eventId: event.id,
      reason,
    });
    if (event.revision !== expectedRevision) {
      return broken(`expected revision ${expectedRevision}, found ${event.revision} (an event is missing)`);
    }
    if (metadata.previousHash !== previousHash) {
      return broken('its previousHash does not match the hash of the event before it');
    }
    const recomputed = hashEvent({
      id: event.id,
      streamId: event.streamId,
      revision: event.revision,
      type: event.type,
      data: event.data,
      metadata,
    });
    if (recomputed !== hash) return broken('its content does not match its hash (it was altered after it was written)');
    previousHash = hash;
    expectedRevision += 1;
  }
  return { intact: true, streamId, events: expectedRevision, lastHash: previousHash };
}
