import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson, GENESIS_HASH } from '@hmicfrs/event-store';

/**
 * The stream the sealer writes its checkpoints to. Checkpoints are not events of an item: they live in
 * a stream of their own, outside the domain's categories (projections skip it), and the roots cover
 * every other event of the store.
 */
export const SEAL_STREAM = 'seal-checkpoints';
export const CHECKPOINT_EVENT = 'CheckpointSealed';
export const CHECKPOINT_FORMAT = 'hmicfrs-checkpoint/1';

/** A stream's last event as a checkpoint saw it: name, revision, hash. */
export type CheckpointHead = [streamId: string, revision: number, hash: string];

/**
 * What a checkpoint says and its signature covers. Positions are the adapter's (text: EventStoreDB's
 * need 128 bits); counts and roots are not, so the same events give the same roots in every adapter.
 */
export interface CheckpointBody {
  format: typeof CHECKPOINT_FORMAT;
  /** 1, 2, 3, …: checkpoint n is revision n-1 of the seal stream. */
  sequence: number;
  /** The global position of the last event it covers. */
  position: string;
  /** The previous checkpoint's position; null for the first. */
  previousPosition: string | null;
  /** Events covered from the very start (the seal stream's own not counted). */
  count: number;
  /** Events between the previous checkpoint and this one. */
  rangeCount: number;
  /** SHA-256 over `<n>:<event hash>\n` for the n-th event of the store, for each event of the range. */
  rangeRoot: string;
  previousRoot: string;
  /** SHA-256 of `<previousRoot>:<count>:<rangeRoot>`: every event from the first, incrementally. */
  root: string;
  /** SHA-256 of the canonical JSON of `heads`, so the heads kept in the store are held to the signature. */
  headsDigest: string;
  /** When it was sealed (the injected clock). */
  sealedAt: string;
  /** SHA-256 (hex) of the signing key's public half (SubjectPublicKeyInfo, DER). */
  keyFingerprint: string;
}

/** A checkpoint with its Ed25519 signature (base64) over the canonical JSON of its body: what is exported. */
export interface SignedCheckpoint extends CheckpointBody {
  signature: string;
}

/** A checkpoint as the store keeps it: also the head of every stream its range touched, to name what changed. */
export interface StoredCheckpoint extends SignedCheckpoint {
  heads: CheckpointHead[];
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export const GENESIS_ROOT = GENESIS_HASH;

export function rootOf(previousRoot: string, count: number, rangeRoot: string): string {
  return sha256(`${previousRoot}:${count}:${rangeRoot}`);
}

export function headsDigest(heads: readonly CheckpointHead[]): string {
  return sha256(canonicalJson(heads));
}

/**
 * The running digest of one range: fed each event's hash in global order. The lines are handed to the
 * hash some hundred at a time (one call into OpenSSL per line was a few per cent of verification).
 */
export class RangeDigest {
  private readonly hash = createHash('sha256');
  private added = 0;
  private lines = '';

  /** @param before how many events precede the range (the previous checkpoint's count) */
  constructor(private readonly before: number) {}

  add(eventHash: string): void {
    this.added += 1;
    this.lines += `${this.before + this.added}:${eventHash}\n`;
    if (this.lines.length >= 8192) {
      this.hash.update(this.lines);
      this.lines = '';
    }
  }

  get count(): number {
    return this.added;
  }

  /** The range's root; the digest cannot be fed after this. */
  digest(): string {
    return this.hash.update(this.lines).digest('hex');
  }
}

export function signedBytes(body: CheckpointBody): Buffer {
  const plain: Record<string, unknown> = {};
  for (const key of BODY_KEYS) plain[key] = body[key];
  return Buffer.from(canonicalJson(plain));
}

export function signCheckpoint(body: CheckpointBody, privateKey: KeyObject): SignedCheckpoint {
  return { ...body, signature: sign(null, signedBytes(body), privateKey).toString('base64') };
}

export function signatureHolds(checkpoint: SignedCheckpoint, publicKey: KeyObject): boolean {
  try {
    return verify(null, signedBytes(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

/** Just the signed part and the signature: what an export holds and what two copies are compared by. */
export function exportedPart(checkpoint: SignedCheckpoint): SignedCheckpoint {
  const plain = {} as Record<string, unknown>;
  for (const key of [...BODY_KEYS, 'signature'] as const) plain[key] = checkpoint[key];
  return plain as unknown as SignedCheckpoint;
}

export function sameCheckpoint(a: SignedCheckpoint, b: SignedCheckpoint): boolean {
  return canonicalJson(exportedPart(a)) === canonicalJson(exportedPart(b));
}

/** A short form of a signature or hash for papers and logs. */
export const short = (hex: string, length = 16): string => hex.slice(0, length);

const BODY_KEYS = [
  'format',
  'sequence',
  'position',
  'previousPosition',
  'count',
  'rangeCount',
  'rangeRoot',
  'previousRoot',
  'root',
  'headsDigest',
  'sealedAt',
  'keyFingerprint',
] as const satisfies readonly (keyof CheckpointBody)[];

/** Reads a checkpoint from untrusted JSON (an export file, the store): every field of the right kind, or why not. */
export function parseCheckpoint(value: unknown, where: string): SignedCheckpoint {
  const fail = (why: string): never => {
    throw new CheckpointUnreadable(`${where}: ${why}`);
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail('not an object');
  const v = value as Record<string, unknown>;
  if (v.format !== CHECKPOINT_FORMAT) fail(`format is ${JSON.stringify(v.format)}, expected ${CHECKPOINT_FORMAT}`);
  for (const key of ['sequence', 'count', 'rangeCount'] as const) {
    if (!Number.isSafeInteger(v[key]) || (v[key] as number) < 0) fail(`${key} is not a whole number`);
  }
  for (const key of ['rangeRoot', 'previousRoot', 'root', 'headsDigest', 'keyFingerprint'] as const) {
    if (typeof v[key] !== 'string' || !/^[0-9a-f]{64}$/.test(v[key] as string)) fail(`${key} is not a SHA-256 in hex`);
  }
  if (typeof v.position !== 'string' || !/^\d+$/.test(v.position)) fail('position is not a number as text');
  if (v.previousPosition !== null && (typeof v.previousPosition !== 'string' || !/^\d+$/.test(v.previousPosition))) {
    fail('previousPosition is neither null nor a number as text');
  }
  if (typeof v.sealedAt !== 'string' || Number.isNaN(Date.parse(v.sealedAt))) fail('sealedAt is not a time');
  if (typeof v.signature !== 'string' || !/^[A-Za-z0-9+/]+=*$/.test(v.signature)) fail('signature is not base64');
  return v as unknown as SignedCheckpoint;
}

/** A checkpoint (or a file of them) that cannot be read as one. */
export class CheckpointUnreadable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointUnreadable';
  }
}
