import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The key that signs checkpoints, and what a verifier needs of it. */
export interface SealKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SHA-256 (hex) of the public key as SubjectPublicKeyInfo DER. */
  fingerprint: string;
  publicKeyPem: string;
  /** Where it came from, for messages: a file's path, or the variable's name. */
  source: string;
}

/** A key that cannot be used: missing, unreadable, not Ed25519, or readable by others. One line, naming the problem. */
export class SealKeyProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealKeyProblem';
  }
}

/** The file a local run keeps its generated key in. */
export const LOCAL_KEY_FILE = '.seal-key.pem';

export interface SealKeySettings {
  /** SEAL_PRIVATE_KEY: the PEM text itself. */
  pem?: string;
  /** SEAL_PRIVATE_KEY_FILE: a PEM file readable by its owner only. */
  file?: string;
  dataDir: string;
}

/**
 * The signing key: SEAL_PRIVATE_KEY, else SEAL_PRIVATE_KEY_FILE, else `DATA_DIR/.seal-key.pem` — made on
 * the first local run, readable by its owner only, with a loud warning: a key kept beside the database
 * proves nothing against whoever runs it. Any key file must not be readable by group or others.
 */
export function loadSealKey(settings: SealKeySettings, warn: (message: string) => void): SealKey {
  if (settings.pem) return sealKeyFrom(privateKeyFrom(settings.pem.replace(/\\n/g, '\n'), 'SEAL_PRIVATE_KEY'), 'SEAL_PRIVATE_KEY');
  if (settings.file)
    return sealKeyFrom(privateKeyFrom(readKeyFile(settings.file, 'SEAL_PRIVATE_KEY_FILE'), settings.file), resolve(settings.file));
  const file = resolve(join(settings.dataDir, LOCAL_KEY_FILE));
  if (!existsSync(file)) {
    mkdirSync(settings.dataDir, { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    warn(
      `!!! SEAL KEY GENERATED: neither SEAL_PRIVATE_KEY nor SEAL_PRIVATE_KEY_FILE is set, so a new Ed25519 key ` +
        `signing the history's checkpoints was written to ${file}. A key beside the database proves nothing ` +
        `against whoever runs the database: for any shared deployment keep the key elsewhere and give its public half to the auditors.`,
    );
  } else {
    warn(`SEAL_PRIVATE_KEY_FILE is not set: checkpoints are signed with the local key in ${file}. Fine for a local run only.`);
  }
  return sealKeyFrom(privateKeyFrom(readKeyFile(file, 'the local seal key'), file), file);
}

/** A public key from a PEM file (a private key's file gives its public half), for verification. */
export function readPublicKey(file: string): { publicKey: KeyObject; fingerprint: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SealKeyProblem(`cannot read the public key ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(text);
  } catch {
    throw new SealKeyProblem(`${file} is not a public key in PEM (-----BEGIN PUBLIC KEY-----)`);
  }
  if (publicKey.asymmetricKeyType !== 'ed25519') {
    throw new SealKeyProblem(`${file} is a ${publicKey.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
  }
  return { publicKey, fingerprint: fingerprintOf(publicKey) };
}

export function publicKeyFromPem(pem: string, where: string): { publicKey: KeyObject; fingerprint: string } {
  try {
    const publicKey = createPublicKey(pem);
    if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return { publicKey, fingerprint: fingerprintOf(publicKey) };
  } catch {
    throw new SealKeyProblem(`${where} does not hold an Ed25519 public key in PEM`);
  }
}

export function fingerprintOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

function readKeyFile(file: string, what: string): string {
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch (error) {
    throw new SealKeyProblem(`${what} ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if ((mode & 0o077) !== 0) {
    throw new SealKeyProblem(
      `${what} ${file} is readable by others (mode ${(mode & 0o777).toString(8).padStart(3, '0')}): run chmod 600 ${file}`,
    );
  }
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new SealKeyProblem(`${what} ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function privateKeyFrom(pem: string, where: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new SealKeyProblem(`${where} is not a private key in PEM (-----BEGIN PRIVATE KEY-----)`);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new SealKeyProblem(`${where} is a ${key.asymmetricKeyType ?? 'unknown'} key; checkpoints are signed with Ed25519`);
  }
  return key;
}

function sealKeyFrom(privateKey: KeyObject, source: string): SealKey {
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    fingerprint: fingerprintOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    source,
  };
}

/** The Nest token of the API's (or the cli's) signing key. */
export const SEAL_KEY = Symbol('SEAL_KEY');
