import type { Position } from '@eventstore/db-client';
import type { GlobalPosition } from '../event';

const BITS = 64n;
const MAX = (1n << BITS) - 1n;

/**
 * An EventStoreDB `$all` position is a pair (commit, prepare) of unsigned 64-bit log offsets, ordered
 * by commit then prepare. The port has one bigint, so the pair is packed as `commit · 2⁶⁴ + prepare`:
 * lossless (the server needs both halves back to resume a read) and ordered exactly as the server
 * orders them. The values are not dense: only their order and equality mean anything.
 * Anyone who stores a checkpoint must keep all 128 bits (as text, say), not a 64-bit integer.
 */
export function encodePosition(position: Position): GlobalPosition {
  assertHalf('commit', position.commit);
  assertHalf('prepare', position.prepare);
  return (position.commit << BITS) | position.prepare;
}

export function decodePosition(position: GlobalPosition): Position {
  if (position < 0n || position > ((MAX << BITS) | MAX)) {
    throw new RangeError(`${position} is not an EventStoreDB position (it needs 0 <= p < 2^128)`);
  }
  return { commit: position >> BITS, prepare: position & MAX };
}

function assertHalf(name: string, value: bigint): void {
  if (value < 0n || value > MAX) throw new RangeError(`${name} position ${value} is not an unsigned 64-bit value`);
}
