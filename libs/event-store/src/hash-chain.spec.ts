import fc from 'fast-check';
import { canonicalJson } from './hash-chain';

describe('canonical JSON', () => {
  // As with JSON.stringify, -0 reads back as 0: the hash covers the text that is stored, so they agree.
  it('reads back as the value JSON.stringify would give back', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)))));
  });

  it('is the same whatever order the keys were written in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(value));
      }),
    );
  });

  it('sorts keys at every depth by UTF-16 code unit and leaves out undefined', () => {
    const value = { b: 1, a: { d: [{ z: 0, y: undefined, é: 1, E: 2 }], c: null }, '10': true, '9': false };

    expect(canonicalJson(value)).toBe('{"10":true,"9":false,"a":{"c":null,"d":[{"E":2,"z":0,"é":1}]},"b":1}');
  });
});
