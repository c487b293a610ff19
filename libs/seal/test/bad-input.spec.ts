import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@hmicfrs/event-store';
import { sealCommand } from '../../../apps/cli/src/seal.command';
import { alteredCopy, newKey, sealedStore, verify, writeRegister, type SealedStore } from './support/sealed-store';

/** Input verification cannot work with: one line naming the problem, exit code 3, no stack trace. */
describe('cli verify and seal on bad input', () => {
  let sealed: SealedStore;
  let empty: string;
  beforeAll(async () => {
    sealed = await sealedStore();
    empty = mkdtempSync(join(tmpdir(), 'verify-env-'));
  });

  const oneLine = (text: string) => {
    expect(text.split('\n')).toHaveLength(1);
    expect(text).not.toMatch(/\s+at .*\(/);
  };

  it('a truncated checkpoints file', async () => {
    const file = join(empty, 'truncated.json');
    writeFileSync(file, '{"format":"hmicfrs-checkpoints/1","checkpoints":[{"seq');
    const result = await verify(['--store', sealed.file, '--public-key', sealed.publicKeyFile, '--checkpoints', file], empty);
    expect(result.err).toBe(`cannot verify: the checkpoints file ${file} is not JSON (truncated or corrupt)`);
    expect(result.code).toBe(3);
  });

  it('a checkpoint in the file with a field gone wrong', async () => {
    const file = join(empty, 'wrong.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'hmicfrs-checkpoints/1',
        publicKey: sealed.key.publicKeyPem,
        checkpoints: [{ format: 'hmicfrs-checkpoint/1', sequence: 1, count: 'many' }],
      }),
    );
    const result = await verify(['--store', sealed.file, '--checkpoints', file, '--public-key', sealed.publicKeyFile], empty);
    expect(result.err).toBe(`cannot verify: ${file} checkpoint 1: count is not a whole number`);
    expect(result.code).toBe(3);
  });

  it('a public key file that is not a key', async () => {
    const file = join(empty, 'not-a-key.pem');
    writeFileSync(file, 'hello');
    const result = await verify(['--store', sealed.file, '--public-key', file], empty);
    expect(result.err).toBe(`cannot verify: ${file} is not a public key in PEM (-----BEGIN PUBLIC KEY-----)`);
    expect(result.code).toBe(3);
  });

  it('the wrong public key: every checkpoint is named as signed by another key', async () => {
    const file = join(empty, 'other.pem');
    writeFileSync(file, newKey().publicKeyPem);
    const result = await verify(['--store', alteredCopy(sealed, () => undefined), '--public-key', file], empty);
    expect(result.out).toMatch(
      /ALTERED checkpoint-wrong-key: checkpoint #1 is signed by another key \(fingerprint [0-9a-f]{16}\), not the given key [0-9a-f]{16}/,
    );
    expect(result.code).toBe(1);
  });

  it('a store without checkpoints yet', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'unsealed-')), 'events.db');
    const store = SqliteEventStore.open(file);
    await writeRegister(store);
    await store.close();
    const result = await verify(['--store', file, '--public-key', sealed.publicKeyFile], empty);
    oneLine(result.err);
    expect(result.err).toMatch(/^cannot verify: the store holds no checkpoints yet \(nothing is sealed\): run `npm run cli -- seal` first/);
    expect(result.code).toBe(3);
  });

  it('no store at all', async () => {
    const result = await verify(['--public-key', sealed.publicKeyFile], empty);
    expect(result.err).toBe(
      `cannot verify: The event store is unavailable: there is no store at ${join(empty, 'events.db')} (set DATA_DIR, or give --store <file>)`,
    );
    expect(result.code).toBe(3);
  });

  it('a signing key file readable by others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seal-key-'));
    const file = join(dir, 'seal.pem');
    writeFileSync(file, newKey().privateKey.export({ type: 'pkcs8', format: 'pem' }));
    chmodSync(file, 0o644);
    const err: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
    Object.assign(process.env, { DATA_DIR: dir, SEAL_PRIVATE_KEY_FILE: file });
    try {
      expect(await sealCommand.run([])).toBe(3);
    } finally {
      delete process.env.SEAL_PRIVATE_KEY_FILE;
      delete process.env.DATA_DIR;
      spy.mockRestore();
    }
    expect(err).toEqual([`cannot seal: SEAL_PRIVATE_KEY_FILE ${file} is readable by others (mode 644): run chmod 600 ${file}`]);
  });

  it('a configured signing key file readable by others, when verify falls back to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verify-key-'));
    const file = join(dir, 'seal.pem');
    writeFileSync(file, newKey().privateKey.export({ type: 'pkcs8', format: 'pem' }));
    chmodSync(file, 0o640);
    process.env.SEAL_PRIVATE_KEY_FILE = file;
    try {
      const result = await verify(['--store', sealed.file], dir);
      oneLine(result.err);
      expect(result.err).toBe(`cannot verify: SEAL_PRIVATE_KEY_FILE ${file} is readable by others (mode 640): run chmod 600 ${file}`);
      expect(result.code).toBe(3);
    } finally {
      delete process.env.SEAL_PRIVATE_KEY_FILE;
    }
  });

  it('an exported checkpoint whose root was changed: named as forged, the export as not the store’s', async () => {
    const file = join(empty, 'forged.json');
    const exported = JSON.parse(readFileSync(sealed.exportFile, 'utf8')) as { checkpoints: Array<{ rangeRoot: string }> };
    exported.checkpoints[0].rangeRoot = 'f'.repeat(64);
    writeFileSync(file, JSON.stringify(exported));
    const result = await verify(
      ['--store', alteredCopy(sealed, () => undefined), '--public-key', sealed.publicKeyFile, '--checkpoints', file],
      empty,
    );
    expect(result.out).toMatch(/ALTERED checkpoint-replaced: the store's checkpoint #1 is not the exported one/);
    expect(result.out).toMatch(
      /ALTERED checkpoint-forged: checkpoint #1's signature does not verify with key [0-9a-f]{16}: it was altered or forged/,
    );
    expect(result.code).toBe(1);
  });

  it('a first local run makes a key readable by its owner only, and says so loudly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seal-local-'));
    const err: string[] = [];
    const out: string[] = [];
    const spies = [
      jest.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line)),
      jest.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line)),
      jest.spyOn(process.stdout, 'write').mockImplementation(() => true),
    ];
    process.env.DATA_DIR = dir;
    try {
      expect(await sealCommand.run(['--public-key'])).toBe(0);
    } finally {
      delete process.env.DATA_DIR;
      for (const spy of spies) spy.mockRestore();
    }
    expect(err.join('\n')).toMatch(/!!! SEAL KEY GENERATED/);
    expect(out.join('\n')).toMatch(/^fingerprint [0-9a-f]{64}$/);
    const { statSync } = jest.requireActual('node:fs') as typeof import('node:fs');
    expect(statSync(join(dir, '.seal-key.pem')).mode & 0o777).toBe(0o600);
  });
});
