import { jsonEvent, type EventData, type JSONType, type RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import { EventStoreUnavailable } from '../errors';
import type { EventMetadata, RecordedEvent } from '../event';
import type { SealedEvent } from '../seal';
import { encodePosition } from './position';

/** What the server's -1 ("no position") becomes as the client's unsigned 64-bit value. */
const NO_POSITION = (1n << 64n) - 1n;

/**
 * The whole envelope (context, recordedAt, previousHash, hash) goes in the event's JSON metadata, so
 * the chain can be verified from EventStoreDB alone. The server also stamps its own `created` time;
 * the port's `recordedAt` is the adapter's clock, written here, so both adapters hash the same fields.
 */
export function toEventData(event: SealedEvent): EventData {
  return jsonEvent({
    id: event.id,
    type: event.type,
    // The client types JSON data as object, array or string, but serialises any JSON value with
    // JSON.stringify; checkAppend has already refused whatever JSON cannot hold.
    data: event.data as JSONType,
    metadata: event.metadata,
  });
}

export function fromEsdbEvent(event: EsdbRecordedEvent): RecordedEvent {
  const where = `event ${event.id} (${event.streamId}@${event.revision})`;
  if (!event.isJson || !isEnvelope(event.metadata)) {
    throw new EventStoreUnavailable(`${where} was not written by this product: it has no JSON metadata with a hash`);
  }
  // Stream reads carry the $all position only from EventStoreDB 22.6 on (gRPC, no explicit transactions).
  // The 6.x client passes "no position" on as 2^64 - 1 in both halves (the server's -1), not as undefined.
  if (!event.position || event.position.commit === NO_POSITION || event.position.prepare === NO_POSITION)
    throw new EventStoreUnavailable(`${where} came without its $all position: EventStoreDB 22.6 or later is needed`);
  return {
    id: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: encodePosition(event.position),
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  };
}

/** Enough to know the envelope is ours; whether its content is intact is the hash chain's question. */
function isEnvelope(metadata: unknown): metadata is EventMetadata {
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) return false;
  const envelope = metadata as Partial<Record<keyof EventMetadata, unknown>>;
  return (['commandId', 'recordedAt', 'previousHash', 'hash'] as const).every((key) => typeof envelope[key] === 'string');
}
