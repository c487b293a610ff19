import { createHash, type Hash } from 'node:crypto';

/** The product's UUID v5 namespace (itself a random v4, fixed forever). */
const NAMESPACE = Buffer.from('6f1c1c2e0b3a4f53a6f4a1d3a8a5e2c7', 'hex');

/**
 * The id of the `index`-th event written by a command to a stream: a UUID v5, so a retried command
 * produces the same ids and EventStoreDB's own duplicate detection can drop the retry.
 */
export function eventIdFor(streamId: string, commandId: string, index: number): string {
  return uuidV5(commandPrefix(streamId, commandId).update(String(index)));
}

/** The ids of a command's `count` events, the same as `eventIdFor` gives, hashing the shared prefix once. */
export function eventIdsFor(streamId: string, commandId: string, count: number): string[] {
  const prefix = commandPrefix(streamId, commandId);
  const ids = new Array<string>(count);
  for (let index = 0; index < count; index += 1) ids[index] = uuidV5(prefix.copy().update(String(index)));
  return ids;
}

function commandPrefix(streamId: string, commandId: string): Hash {
  return createHash('sha1').update(NAMESPACE).update(`${streamId}\n${commandId}\n`);
}

function uuidV5(hash: Hash): string {
  const bytes = hash.digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
