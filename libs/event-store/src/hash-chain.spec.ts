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

  // A value read back from its canonical text has its keys in order, so it takes JSON.stringify's fast path:
  // that path must write the very text the slow path wrote (which `fc.jsonValue()` values mostly take).
  it('writes a value read back from its canonical text as the same text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps to the slow path for what JSON.stringify writes otherwise', () => {
    expect(canonicalJson({ a: new Date(0) })).toBe('{"a":{}}');
    expect(canonicalJson({ '9': 1, '10': 2 })).toBe('{"10":2,"9":1}');
    expect(canonicalJson({ a: { b: 1, a: 2 } })).toBe('{"a":{"a":2,"b":1}}');
  });
});
