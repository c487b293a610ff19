import type { EventMetadata, NewEvent } from './event';
import { eventIdsFor } from './event-id';
import { InvalidAppend } from './errors';
import type { ExpectedRevision } from './expected-revision';
import { canonicalJson, hashCanonical } from './hash-chain';

/** An event checked and hashed, ready for an adapter to write; only its global position is still unknown. */
export interface SealedEvent {
  id: string;
  streamId: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  /** `data` as JSON, made once for the hash and reused by adapters that store text. */
  dataJson: string;
  /** `metadata`, hash included, as JSON. */
  metadataJson: string;
}

/** Fields the store stamps on every event; a writer supplying them would break the hash or lie about time. */
const STORE_STAMP = ['recordedAt', 'previousHash', 'hash'] as const;

/** A number as expected revision is a 0-based revision: `no_stream` stands for an absent stream, not -1. */
export function checkExpectedRevision(streamId: string, expected: ExpectedRevision): void {
  if (expected === 'any' || expected === 'no_stream') return;
  if (typeof expected !== 'number' || !Number.isSafeInteger(expected) || expected < 0) {
    throw new InvalidAppend(streamId, `expected revision must be 'any', 'no_stream' or a revision >= 0, got ${String(expected)}`);
  }
}

/**
 * Checks a batch before anything is written, so a refusal leaves nothing behind:
 * at least one event, one command id for the whole batch, a type, JSON-plain data and context.
 * Returns the batch's command id.
 */
export function checkAppend(streamId: string, events: readonly NewEvent[]): string {
  // Asked of the value as it came (a caller outside TypeScript may pass anything), without narrowing `events` to any[].
  if (!Array.isArray(events as unknown) || events.length === 0) throw new InvalidAppend(streamId, 'there are no events to append');
  const commandId = events[0]?.metadata?.commandId;
  if (typeof commandId !== 'string' || commandId.length === 0) {
    throw new InvalidAppend(streamId, 'metadata.commandId is required');
  }
  events.forEach((event, index) => {
    if (typeof event?.type !== 'string' || !/^[A-Za-z][A-Za-z0-9]*$/.test(event.type)) {
      throw new InvalidAppend(streamId, `event ${index}: type must be a PascalCase name, got ${JSON.stringify(event?.type)}`);
    }
    const metadata = event.metadata;
    if (metadata?.commandId !== commandId) {
      throw new InvalidAppend(streamId, `event ${index}: every event of one append must carry the same commandId`);
    }
    for (const field of ['userId', 'role', 'correlationId', 'occurredAt'] as const) {
      if (typeof metadata[field] !== 'string' || metadata[field].length === 0) {
        throw new InvalidAppend(streamId, `event ${index}: metadata.${field} is required`);
      }
    }
    if (Number.isNaN(Date.parse(metadata.occurredAt))) {
      throw new InvalidAppend(streamId, `event ${index}: metadata.occurredAt is not a date: ${metadata.occurredAt}`);
    }
    if (!Number.isInteger(metadata.schemaVersion) || metadata.schemaVersion < 1) {
      throw new InvalidAppend(streamId, `event ${index}: metadata.schemaVersion must be a positive integer`);
    }
    for (const field of STORE_STAMP) {
      if (field in metadata) throw new InvalidAppend(streamId, `event ${index}: metadata.${field} is set by the store, not the writer`);
    }
    assertPlainJson(streamId, event.data, index, 'data');
    assertPlainJson(streamId, metadata, index, 'metadata');
  });
  return commandId;
}

/**
 * Gives each event its id, revision, store stamp and hash, chained from the stream's last event.
 * `recordedAt` comes from the adapter (the store's clock), never from the caller.
 */
export function sealEvents(
  streamId: string,
  events: readonly NewEvent[],
  after: { revision: number; hash: string },
  recordedAt: string,
): SealedEvent[] {
  const ids = eventIdsFor(streamId, events[0].metadata.commandId, events.length);
  let previousHash = after.hash;
  return events.map((event, index) => {
    const revision = after.revision + 1 + index;
    const id = ids[index];
    const stamped = { ...event.metadata, recordedAt, previousHash };
    const dataJson = canonicalJson(event.data);
    const stampedJson = canonicalJson(stamped);
    const hash = hashCanonical({ id, streamId, revision, type: event.type }, dataJson, stampedJson);
    previousHash = hash;
    return {
      id,
      streamId,
      revision,
      type: event.type,
      data: event.data,
      metadata: Object.assign(stamped, { hash }),
      dataJson,
      // The stamped metadata always has keys, so its JSON ends in `"…"}` and the hash can be spliced in.
      metadataJson: `${stampedJson.slice(0, -1)},"hash":"${hash}"}`,
    };
  });
}

/** Only what survives JSON unchanged: so the hash computed now is the hash recomputed after a read. */
function assertPlainJson(streamId: string, value: unknown, index: number, part: 'data' | 'metadata'): void {
  const problem = notPlainJson(value, 0);
  if (problem !== undefined) throw new InvalidAppend(streamId, `event ${index}: ${part}${problem.at} ${problem.is}`);
}

/**
 * Where `value` holds what JSON cannot (the path below it, as `.key[2]`) and what it is; undefined for
 * plain JSON. Every append asks this of every event: the path is spelled out only for a refusal.
 */
function notPlainJson(value: unknown, depth: number): { at: string; is: string } | undefined {
  if (depth > 64) return { at: '', is: 'is nested too deeply (or is circular)' };
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { at: '', is: `is ${value}, which JSON cannot hold` };
  if (Array.isArray(value)) {
    // An index loop, not forEach: forEach skips the holes of a sparse array, which JSON writes as null.
    for (let i = 0; i < value.length; i += 1) {
      const problem = notPlainJson(value[i], depth + 1);
      if (problem !== undefined) return { at: `[${i}]${problem.at}`, is: problem.is };
    }
    return undefined;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object);
    for (let i = 0; i < keys.length; i += 1) {
      const key = keys[i];
      const item = object[key];
      const problem = item === undefined ? undefined : notPlainJson(item, depth + 1);
      if (problem !== undefined) return { at: `.${key}${problem.at}`, is: problem.is };
    }
    return undefined;
  }
  const kind = typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value;
  return { at: '', is: `is a ${kind}, which is not JSON-serialisable as it stands` };
}
