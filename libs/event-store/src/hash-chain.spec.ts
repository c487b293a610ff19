import fc from 'fast-check';
import { canonicalJson, canonicalMetadataText, hashEvent, hashStoredTexts, isCanonicalJsonText } from './hash-chain';

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

  // The definition, spelled out independently of both of the writer's paths.
  const canonical = (value: unknown): string =>
    Array.isArray(value)
      ? `[${value.map(canonical).join(',')}]`
      : typeof value === 'object' && value !== null
        ? `{${Object.keys(value)
            .sort()
            .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
            .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
            .join(',')}}`
        : JSON.stringify(value);

  it('writes keys in any order, integer-like keys and __proto__ as the definition does', () => {
    const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', '0', '9', '10', '1a', 'é', 'E'));
    const shuffled = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 0 }), tie('object'), fc.array(tie('value'), { maxLength: 4 })),
      object: fc
        .uniqueArray(fc.tuple(key, tie('value')), { maxLength: 6, selector: ([k]) => k })
        .map((entries) =>
          entries.reduce(
            (object, [k, v]) => Object.defineProperty(object, k, { value: v, enumerable: true, writable: true, configurable: true }),
            {},
          ),
        ),
    }));
    fc.assert(
      fc.property(shuffled.value, (value) => expect(canonicalJson(value)).toBe(canonical(JSON.parse(JSON.stringify(value))))),
      { numRuns: 500 },
    );
  });

  it('keeps to the slow path for what JSON.stringify writes otherwise', () => {
    expect(canonicalJson({ a: new Date(0) })).toBe('{"a":{}}');
    expect(canonicalJson({ '9': 1, '10': 2 })).toBe('{"10":2,"9":1}');
    expect(canonicalJson({ a: { b: 1, a: 2 } })).toBe('{"a":{"a":2,"b":1}}');
  });
});

describe('provably canonical JSON text', () => {
  // Sound: whatever it accepts is its own canonical form, for texts of every kind (unsorted, spaced, floats).
  const holds = (text: string) => !isCanonicalJsonText(text) || canonicalJson(JSON.parse(text)) === text;

  it('accepts only text that is canonicalJson of what it parses to', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => expect(holds(JSON.stringify(value))).toBe(true)),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => expect(holds(JSON.stringify(value, null, 1))).toBe(true)),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.string(), (text) => expect(holds(text)).toBe(true)),
      { numRuns: 500 },
    );
  });

  it('accepts what a store writes for plain data', () => {
    const value = { b: [1, -2, { d: null, c: true }], a: 'text', e: false, f: {}, g: [] };
    expect(isCanonicalJsonText(canonicalJson(value))).toBe(true);
  });

  it.each([
    '{"b":1,"a":2}',
    '{"a":1,"a":1}',
    '{"a":1.0}',
    '{"a":1.5}',
    '{"a":1e3}',
    '{"a":-0}',
    '{"a":01}',
    '{"a":1234567890123456}',
    '{"a": 1}',
    '{"a":1} ',
    '"\\u0041"',
    '"\\n"',
    '{"a":1',
    '{"a":1,}',
    '[1,]',
    '',
    'nul',
  ])('refuses %j', (text) => expect(isCanonicalJsonText(text)).toBe(false));
});

describe('canonical metadata from its stored text', () => {
  const stamped = { commandId: 'c-1', previousHash: '0'.repeat(64), recordedAt: '2024-01-01T00:00:00.000Z' };
  const hash = 'a'.repeat(64);
  const stored = `${canonicalJson(stamped).slice(0, -1)},"hash":"${hash}"}`;

  it('is the canonical JSON of the metadata less its hash, as a store splices it', () => {
    expect(canonicalMetadataText(stored, hash)).toBe(canonicalJson(stamped));
  });

  it.each([
    ['another hash', stored, 'b'.repeat(64)],
    ['a second hash key', `{"commandId":"c","hash":"x","z":1,"hash":"${hash}"}`, hash],
    ['unsorted keys', `{"recordedAt":"t","commandId":"c","hash":"${hash}"}`, hash],
    ['no hash', canonicalJson(stamped), hash],
  ])('is undefined for %s', (_name, text, given) => expect(canonicalMetadataText(text, given)).toBeUndefined());
});

describe('an event hashed from its stored texts', () => {
  const ids = { id: 'e-1', streamId: 'recommendation-1', revision: 0, type: 'RagRated' };
  const data = { rag: 'amber', note: 'Board met 😀' };
  const stamped = { commandId: 'c-1', previousHash: '0'.repeat(64), recordedAt: '2024-01-01T00:00:00.000Z' };
  const hash = hashEvent({ ...ids, data, metadata: stamped as never });
  const metadataText = `${canonicalJson(stamped).slice(0, -1)},"hash":"${hash}"}`;

  it('is the event’s hash when the texts are the ones a store writes', () => {
    expect(hashStoredTexts(ids, canonicalJson(data), metadataText, hash)).toBe(hash);
  });

  it('differs from it (and the canonical forms must be hashed) when the texts are only spelled otherwise', () => {
    expect(hashStoredTexts(ids, JSON.stringify(data, null, 1), metadataText, hash)).not.toBe(hash);
  });

  it.each([
    ['a lone surrogate in data, which UTF-8 would read as U+FFFD', '{"note":"\ud800"}', metadataText],
    ['a metadata text not ending in its hash', canonicalJson(data), canonicalJson(stamped)],
  ])('is undefined for %s', (_name, dataText, metaText) => expect(hashStoredTexts(ids, dataText, metaText, hash)).toBeUndefined());
});
