import * as crypto from 'node:crypto';
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
 * whichever adapter stored it and whatever order its JSON came back in. Defined for JSON values.
 * Every append runs this on every event, so it collects the pieces and joins them once: one flat
 * string instead of a heap of intermediate ones for the garbage collector.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  // What a store reads back was written canonical, so its keys already come in sorted order: then the
  // engine's own JSON.stringify writes exactly the canonical form, several times faster (see below).
  if (isSortedPlainJson(value, 0)) return JSON.stringify(value);
  // What a writer appends is plain JSON with its keys in any order: a copy with them inserted in sorted
  // order is written by JSON.stringify as the canonical form too, in about half the time of the walk below.
  const sorted = sortedPlainCopy(value, 0);
  if (sorted !== undefined) return JSON.stringify(sorted);
  const parts: string[] = [];
  writeCanonical(value, parts);
  return parts.join('');
}

function writeCanonical(value: unknown, parts: string[]): void {
  if (typeof value === 'string') {
    if (NEEDS_ESCAPING.test(value)) parts.push(JSON.stringify(value));
    else parts.push('"', value, '"');
  } else if (value === null || typeof value !== 'object') {
    parts.push(JSON.stringify(value));
  } else if (Array.isArray(value)) {
    parts.push('[');
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) parts.push(',');
      writeCanonical(value[i], parts);
    }
    parts.push(']');
  } else {
    const object = value as Record<string, unknown>;
    const keys = sortedKeys(object);
    let first = true;
    parts.push('{');
    for (let i = 0; i < keys.length; i += 1) {
      const item = object[keys[i]];
      if (item === undefined) continue;
      if (!first) parts.push(',');
      first = false;
      writeCanonical(keys[i], parts);
      parts.push(':');
      writeCanonical(item, parts);
    }
    parts.push('}');
  }
}

/**
 * True when JSON.stringify(value) is provably canonicalJson(value): only plain objects (the prototype of
 * `{}` or none), arrays without holes and JSON's own primitives (no undefined, function, symbol, bigint,
 * Date or anything else with a toJSON or a different form), and every object's keys already in the order
 * the canonical form sorts them to (strictly ascending by UTF-16 code unit). JSON.stringify walks keys in
 * Object.keys order and quotes strings as `quote` does, so on such a value both write the same text.
 * Integer-like keys ("10", "9") come first in numeric order from Object.keys, which the check refuses
 * when that is not also their code-unit order. Anything else (or too deep) takes the slow path.
 */
function isSortedPlainJson(value: object, depth: number): boolean {
  if (depth > 64) return false;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i += 1) {
      if (!isPlainJsonItem(value[i], depth)) return false;
    }
    return true;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  const keys = Object.keys(value);
  const object = value as Record<string, unknown>;
  for (let i = 0; i < keys.length; i += 1) {
    if (i > 0 && !(keys[i - 1] < keys[i])) return false;
    if (!isPlainJsonItem(object[keys[i]], depth)) return false;
  }
  return true;
}

function isPlainJsonItem(item: unknown, depth: number): boolean {
  switch (typeof item) {
    case 'string':
    case 'number':
    case 'boolean':
      return true;
    case 'object':
      return item === null || isSortedPlainJson(item, depth + 1);
    default:
      return false;
  }
}

/**
 * A copy of `value` whose objects have their keys inserted in sorted order, so that JSON.stringify of it
 * is canonicalJson(value); undefined when that cannot be promised, for the slow path to write instead:
 * for anything isSortedPlainJson refuses but the order of keys, for a key starting with a digit (an
 * integer-like key, which an object lists first in numeric order whatever the order of insertion), and
 * for `__proto__` (assigning which would set the copy's prototype instead of adding a key). Keys whose
 * value is undefined are left out, as both writers leave them out.
 */
function sortedPlainCopy(value: object, depth: number): object | undefined {
  if (depth > 64) return undefined;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return undefined;
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i += 1) {
      const item = plainCopyOf(value[i], depth);
      if (item === undefined) return undefined;
      copy[i] = item;
    }
    return copy;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  const object = value as Record<string, unknown>;
  const keys = sortedKeys(object);
  const copy: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i];
    const first = key.charCodeAt(0);
    if ((first >= 0x30 && first <= 0x39) || key === '__proto__') return undefined;
    if (object[key] === undefined) continue;
    const item = plainCopyOf(object[key], depth);
    if (item === undefined) return undefined;
    copy[key] = item;
  }
  return copy;
}

/** A JSON primitive as it is, an object or array as its sorted copy; undefined for anything else. */
function plainCopyOf(item: unknown, depth: number): unknown {
  switch (typeof item) {
    case 'string':
    case 'number':
    case 'boolean':
      return item;
    case 'object':
      return item === null ? null : sortedPlainCopy(item, depth + 1);
    default:
      return undefined;
  }
}

/**
 * True only when `text` is provably `canonicalJson(JSON.parse(text))` already, so that the text a store
 * kept can be hashed as it is, with no parse and no re-serialising. Sound, not complete: it accepts only
 * what it can prove and says false for anything else (the caller then takes the slow path), namely JSON
 * with no whitespace, object keys strictly ascending by UTF-16 code unit (so none twice), strings with
 * no escape, control character or surrogate (each written by `quote` as it stands), and numbers that are
 * integers of at most 15 digits with no leading zero and no "-0" (exact as a double, written back alike).
 */
export function isCanonicalJsonText(text: string): boolean {
  // No backslash, control character or surrogate anywhere: so every string is written as it stands, and
  // the first quote after a string's opening one closes it. Whitespace outside strings the scan refuses.
  return !NEEDS_ESCAPING_BUT_QUOTE.test(text) && scanValue(text, 0, 0) === text.length;
}

/** The index just after the value at `i`, or -1 when it is not provably canonical. */
function scanValue(text: string, i: number, depth: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x22) return scanString(text, i);
  if (c === 0x7b || c === 0x5b) {
    if (depth >= 64) return -1;
    const close = c === 0x7b ? 0x7d : 0x5d;
    let at = i + 1;
    if (text.charCodeAt(at) === close) return at + 1;
    /** Where the previous key's opening quote stands, or -1. */
    let previousKey = -1;
    for (;;) {
      if (close === 0x7d) {
        if (text.charCodeAt(at) !== 0x22) return -1;
        const keyEnd = scanString(text, at);
        if (keyEnd < 0) return -1;
        if (previousKey >= 0 && !keyBefore(text, previousKey, at)) return -1;
        previousKey = at;
        if (text.charCodeAt(keyEnd) !== 0x3a) return -1;
        at = keyEnd + 1;
      }
      at = scanValue(text, at, depth + 1);
      if (at < 0) return -1;
      const next = text.charCodeAt(at);
      if (next === close) return at + 1;
      if (next !== 0x2c) return -1;
      at += 1;
    }
  }
  if (c === 0x74) return text.startsWith('true', i) ? i + 4 : -1;
  if (c === 0x66) return text.startsWith('false', i) ? i + 5 : -1;
  if (c === 0x6e) return text.startsWith('null', i) ? i + 4 : -1;
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return scanInteger(text, i);
  return -1;
}

/** A string's end (after its closing quote); the text holds no backslash, so the next quote closes it. */
function scanString(text: string, i: number): number {
  const end = text.indexOf('"', i + 1);
  return end < 0 ? -1 : end + 1;
}

/**
 * True when the key whose opening quote is at `a` sorts strictly before the one at `b` by UTF-16 code
 * unit (as `<` on the strings): keys hold no backslash, so each ends at the next quote.
 */
function keyBefore(text: string, a: number, b: number): boolean {
  for (let i = 1; ; i += 1) {
    const x = text.charCodeAt(a + i);
    const y = text.charCodeAt(b + i);
    if (x === y) {
      if (x === 0x22) return false; // the same key twice
      continue;
    }
    if (x === 0x22) return true; // a is a prefix of b
    if (y === 0x22) return false;
    return x < y;
  }
}

/** Backslash, control characters and surrogates: what a provably canonical text may not hold at all. */
// eslint-disable-next-line no-control-regex -- the control characters are exactly what JSON escapes
const NEEDS_ESCAPING_BUT_QUOTE = /[\\\u0000-\u001f\ud800-\udfff]/;

/**
 * The canonical JSON of an event's metadata without its `hash`, from the text a store kept it as
 * (`sealEvents` splices `,"hash":"…"}` onto the canonical text), when that is provable: the text ends in
 * the parsed hash so spliced, and the rest is provably canonical with no other "hash" key. Then the rest
 * parses to exactly the metadata less its hash, and is its canonical form. Otherwise undefined.
 */
export function canonicalMetadataText(metadataJson: string, hash: unknown): string | undefined {
  if (typeof hash !== 'string') return undefined;
  const suffix = `,"hash":"${hash}"}`;
  if (!metadataJson.endsWith(suffix)) return undefined;
  const rest = `${metadataJson.slice(0, metadataJson.length - suffix.length)}}`;
  return rest.includes('"hash":') || !isCanonicalJsonText(rest) ? undefined : rest;
}

/** An integer of 1 to 15 digits, no leading zero, not -0: what JSON.stringify writes for that number. */
function scanInteger(text: string, i: number): number {
  const negative = text.charCodeAt(i) === 0x2d;
  const first = negative ? i + 1 : i;
  let at = first;
  for (let c = text.charCodeAt(at); c >= 0x30 && c <= 0x39; c = text.charCodeAt(at)) at += 1;
  const digits = at - first;
  if (digits === 0 || digits > 15) return -1;
  if (text.charCodeAt(first) === 0x30 && (digits > 1 || negative)) return -1;
  return at;
}

/** Characters JSON.stringify escapes (lone surrogates included, so any surrogate takes the slow path). */
// eslint-disable-next-line no-control-regex -- the control characters are exactly what JSON escapes
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify of a string, without calling it for the common string that needs no escaping. */
function quote(text: string): string {
  return NEEDS_ESCAPING.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/** Insertion sort by UTF-16 code unit, as Array#sort would order them: objects here have a handful of keys. */
function sortedKeys(object: object): string[] {
  const keys = Object.keys(object);
  for (let i = 1; i < keys.length; i += 1) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j -= 1;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/** SHA-256 (hex) of the event's canonical content, which includes the previous event's hash. */
export function hashEvent(content: HashedContent): string {
  return hashCanonical(content, canonicalJson(content.data), canonicalJson(content.metadata));
}

/**
 * The same hash from the canonical JSON of data and metadata, already made by whoever also stores them.
 * The content's keys are fixed, so its canonical form is spelled out here in their sorted order.
 */
export function hashCanonical(
  content: Pick<HashedContent, 'id' | 'streamId' | 'revision' | 'type'>,
  dataJson: string,
  metadataJson: string,
): string {
  const json =
    `{"data":${dataJson},"id":${quote(content.id)},"metadata":${metadataJson},` +
    `"revision":${JSON.stringify(content.revision)},"streamId":${quote(content.streamId)},"type":${quote(content.type)}}`;
  return sha256Hex(json);
}

/**
 * The hash of an event from the texts a store kept it as, hashed as they stand: `data`'s text, and the
 * metadata's text less the `,"hash":"…"}` that `sealEvents` splices on. Undefined when the metadata's text
 * does not end so, or a text is not well formed (a lone surrogate becomes U+FFFD in UTF-8, so two texts
 * would hash alike). A result equal to the stored hash means these are the very texts hashed when the
 * event was written, so they parse to what was sealed; any other result proves nothing by itself (the
 * texts may only be spelled otherwise), and the canonical forms must be hashed (`hashCanonical`).
 */
export function hashStoredTexts(
  content: Pick<HashedContent, 'id' | 'streamId' | 'revision' | 'type'>,
  dataJson: string,
  metadataJson: string,
  hash: unknown,
): string | undefined {
  if (typeof hash !== 'string') return undefined;
  const suffix = `,"hash":"${hash}"}`;
  if (!metadataJson.endsWith(suffix) || !isWellFormed(dataJson) || !isWellFormed(metadataJson)) return undefined;
  return hashCanonical(content, dataJson, `${metadataJson.slice(0, metadataJson.length - suffix.length)}}`);
}

/** `String.prototype.isWellFormed` (Node 20+; not yet in the ES2022 library's types). */
const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();

/** One-shot `crypto.hash` where the runtime has it (Node 20.12+, 21.7+): no Hash object per event. */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const sha256Hex: (text: string) => string =
  typeof oneShotHash === 'function'
    ? (text) => oneShotHash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

export type ChainVerdict =
  | { intact: true; streamId: string; events: number; lastHash: string }
  | { intact: false; streamId: string; brokenAt: number; eventId: string; reason: string };

/**
 * Walks one stream's events in revision order and names the first link that does not hold; `from` carries
 * on from an event already checked (the revision and hash the next one must follow).
 */
export function verifyChain(
  streamId: string,
  events: Iterable<RecordedEvent>,
  from: { revision: number; previousHash: string } = { revision: 0, previousHash: GENESIS_HASH },
): ChainVerdict {
  let previousHash = from.previousHash;
  let expectedRevision = from.revision;
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
