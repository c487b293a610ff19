import fc from 'fast-check';
import { decodePosition, encodePosition } from './position';

const half = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const position = fc.record({ commit: half, prepare: half });

/** Runs without a server: the packing of `$all` positions is pure. */
describe('EventStoreDB $all position packing', () => {
  it('gives back exactly the pair it packed', () => {
    fc.assert(fc.property(position, (p) => expect(decodePosition(encodePosition(p))).toEqual(p)));
  });

  it('orders packed positions as the server orders pairs: by commit, then prepare', () => {
    fc.assert(
      fc.property(position, position, (a, b) => {
        const byPair = a.commit === b.commit ? Math.sign(Number(a.prepare - b.prepare)) : Math.sign(Number(a.commit - b.commit));
        const packedA = encodePosition(a);
        const packedB = encodePosition(b);
        expect(packedA === packedB ? 0 : packedA < packedB ? -1 : 1).toBe(byPair);
      }),
    );
  });

  it('keeps the events of one append, which share a commit position, in prepare order', () => {
    const first = encodePosition({ commit: 5000n, prepare: 4800n });
    const second = encodePosition({ commit: 5000n, prepare: 4900n });
    const nextCommit = encodePosition({ commit: 5001n, prepare: 0n });
    expect(first < second && second < nextCommit).toBe(true);
  });

  it('packs the start of the log as 0 and the largest pair as 2^128 - 1', () => {
    expect(encodePosition({ commit: 0n, prepare: 0n })).toBe(0n);
    const max = (1n << 64n) - 1n;
    expect(encodePosition({ commit: max, prepare: max })).toBe((1n << 128n) - 1n);
  });

  it('refuses halves outside unsigned 64 bits, and packed values outside 128 bits', () => {
    expect(() => encodePosition({ commit: -1n, prepare: 0n })).toThrow(RangeError);
    expect(() => encodePosition({ commit: 0n, prepare: 1n << 64n })).toThrow(RangeError);
    expect(() => decodePosition(-1n)).toThrow(RangeError);
    expect(() => decodePosition(1n << 128n)).toThrow(RangeError);
  });
});
