import * as crypto from 'node:crypto';

/** The product's UUID v5 namespace (itself a random v4, fixed forever). */
const NAMESPACE = Buffer.from('6f1c1c2e0b3a4f53a6f4a1d3a8a5e2c7', 'hex');

/**
 * The id of the `index`-th event written by a command to a stream: a UUID v5, so a retried command
 * produces the same ids and EventStoreDB's own duplicate detection can drop the retry.
 */
export function eventIdFor(streamId: string, commandId: string, index: number): string {
  return uuidV5(commandPrefix(streamId, commandId).update(String(index)).digest());
}

/**
 * The ids of a command's `count` events, the same as `eventIdFor` gives: the shared prefix encoded once,
 * each id one one-shot hash of it and its index (a large append makes thousands).
 */
export function eventIdsFor(streamId: string, commandId: string, count: number): string[] {
  const prefix = Buffer.from(`${streamId}\n${commandId}\n`);
  const input = Buffer.allocUnsafe(NAMESPACE.length + prefix.length + 16);
  NAMESPACE.copy(input);
  prefix.copy(input, NAMESPACE.length);
  const indexAt = NAMESPACE.length + prefix.length;
  const ids = new Array<string>(count);
  for (let index = 0; index < count; index += 1) {
    const end = indexAt + input.write(String(index), indexAt, 'latin1');
    ids[index] = uuidV5(sha1(input.subarray(0, end)));
  }
  return ids;
}

function commandPrefix(streamId: string, commandId: string): crypto.Hash {
  return crypto.createHash('sha1').update(NAMESPACE).update(`${streamId}\n${commandId}\n`);
}

/** One-shot `crypto.hash` where the runtime has it (Node 20.12+, 21.7+): no Hash object per id. */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: Buffer, encoding: 'buffer') => Buffer }).hash;
const sha1: (data: Buffer) => Buffer =
  typeof oneShotHash === 'function'
    ? (data) => oneShotHash('sha1', data, 'buffer')
    : (data) => crypto.createHash('sha1').update(data).digest();

function uuidV5(digest: Buffer): string {
  const bytes = digest.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
