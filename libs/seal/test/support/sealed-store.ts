import { generateKeyPairSync, createPublicKey, type KeyObject } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { hashEvent, SqliteEventStore, type EventContext, type EventStore, type NewEvent } from '@hmicfrs/event-store';
import { checkpointExport, fingerprintOf, Sealer, storedCheckpoints, type SealKey } from '@hmicfrs/seal';
import { verifyCommand } from '../../../../apps/cli/src/verify.command';

/** A clock that moves one second each time it is asked, from a fixed start: the same events in every run. */
export function steppingClock(start = '2024-03-01T09:00:00.000Z'): () => Date {
  let at = Date.parse(start);
  return () => new Date((at += 1000));
}

export function newKey(): SealKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    fingerprint: fingerprintOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    source: 'test',
  };
}

const context = (commandId: string, occurredAt: string): EventContext => ({
  userId: 'flo-1',
  role: 'liaison',
  commandId,
  correlationId: commandId,
  causationId: null,
  schemaVersion: 1,
  occurredAt,
});

/** The appends of a small register, in the order written: each is one command on one stream. */
export const APPENDS: Array<[stream: string, events: Array<{ type: string; data: object }>]> = [
  ['inspection-peel-2023', [{ type: 'InspectionReportRecorded', data: { title: 'PEEL 2023' } }]],
  ['recommendation-33', [{ type: 'RecommendationOpened', data: { level: 3, text: 'Vetting' } }]],
  ['recommendation-34', [{ type: 'RecommendationOpened', data: { level: 2, text: 'Misconduct' } }]],
  ['recommendation-33', [{ type: 'RagRated', data: { rag: 'amber' } }]],
  ['recommendation-35', [{ type: 'RecommendationOpened', data: { level: 4, text: 'Misogyny' } }]],
  [
    'recommendation-34',
    [
      { type: 'OwnerAssigned', data: { owner: 'supt-patel' } },
      { type: 'RagRated', data: { rag: 'green' } },
    ],
  ],
  ['recommendation-33', [{ type: 'ProgressNoted', data: { note: 'Board met' } }]],
  ['recommendation-35', [{ type: 'RagRated', data: { rag: 'red' } }]],
  ['recommendation-33', [{ type: 'RagRated', data: { rag: 'green' } }]],
  ['recommendation-34', [{ type: 'ProgressNoted', data: { note: 'Audit done' } }]],
  ['recommendation-35', [{ type: 'ProgressNoted', data: { note: 'Training' } }]],
  ['recommendation-33', [{ type: 'ProgressNoted', data: { note: 'Letter sent' } }]],
  ['recommendation-36', [{ type: 'RecommendationOpened', data: { level: 3, text: 'Data' } }]],
  ['recommendation-34', [{ type: 'ProgressNoted', data: { note: 'Closed off' } }]],
];

/** Appends `APPENDS` (or some of them) to a store, one command each. */
export async function writeRegister(store: EventStore, appends = APPENDS, occurredAt = '2024-02-01T12:00:00.000Z'): Promise<void> {
  let n = 0;
  for (const [stream, events] of appends) {
    n += 1;
    const batch: NewEvent[] = events.map((event) => ({ ...event, metadata: context(`cmd-${n}`, occurredAt) }));
    await store.append(stream, batch, 'any');
  }
}

export interface SealedStore {
  dir: string;
  /** The store file, closed: copy it, never alter it. */
  file: string;
  key: SealKey;
  publicKeyFile: string;
  exportFile: string;
}

/**
 * A real SQLite store on disk: the register's events sealed every 4 events (four checkpoints), then
 * two more events not yet sealed, the store closed as a stopped API leaves it, and the checkpoints
 * exported and the public key written out as an auditor would keep them.
 */
export async function sealedStore(): Promise<SealedStore> {
  const dir = mkdtempSync(join(tmpdir(), 'sealed-'));
  const file = join(dir, 'events.db');
  const clock = steppingClock();
  const key = newKey();
  const store = SqliteEventStore.open(file, { clock });
  await writeRegister(store, APPENDS.slice(0, 12));
  await new Sealer(store, key, clock, { maxEventsPerCheckpoint: 4 }).seal();
  await writeRegister(store, APPENDS.slice(12), '2024-02-02T12:00:00.000Z');
  const { checkpoints } = await storedCheckpoints(store);
  await store.close();
  const publicKeyFile = join(dir, 'seal-public.pem');
  writeFileSync(publicKeyFile, key.publicKeyPem);
  const exportFile = join(dir, 'checkpoints.json');
  writeFileSync(exportFile, JSON.stringify(checkpointExport(checkpoints, key, new Date('2024-03-02T00:00:00Z'))));
  return { dir, file, key, publicKeyFile, exportFile };
}

let copies = 0;

/** A copy of the store to alter, with better-sqlite3 directly, as someone with the file would. */
export function alteredCopy(sealed: SealedStore, alter: (db: Database.Database) => void): string {
  copies += 1;
  const copy = join(sealed.dir, `copy-${copies}.db`);
  copyFileSync(sealed.file, copy);
  if (existsSync(`${sealed.file}-wal`)) copyFileSync(`${sealed.file}-wal`, `${copy}-wal`);
  const db = new Database(copy);
  try {
    alter(db);
  } finally {
    db.close();
  }
  return copy;
}

export interface Row {
  position: number;
  stream_id: string;
  revision: number;
  id: string;
  type: string;
  data: string;
  metadata: string;
}

export const rowsOf = (db: Database.Database, streamId: string): Row[] =>
  db.prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY revision').all(streamId) as Row[];

/** Rewrites a row's content and re-hashes it and every later event of its stream, as a careful forger would. */
export function rehashFrom(
  db: Database.Database,
  streamId: string,
  revision: number,
  change: (data: Record<string, unknown>) => void,
): void {
  let previousHash: string | undefined;
  for (const row of rowsOf(db, streamId)) {
    const data = JSON.parse(row.data) as Record<string, unknown>;
    const { hash, ...metadata } = JSON.parse(row.metadata) as Record<string, unknown> & { hash: string; previousHash: string };
    if (row.revision < revision) {
      previousHash = hash;
      continue;
    }
    if (row.revision === revision) change(data);
    if (previousHash !== undefined) metadata.previousHash = previousHash;
    const rehashed = hashEvent({ id: row.id, streamId, revision: row.revision, type: row.type, data, metadata: metadata as never });
    db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(
      JSON.stringify(data),
      JSON.stringify({ ...metadata, hash: rehashed }),
      row.position,
    );
    previousHash = rehashed;
  }
}

/** Runs `cli verify` in this process, as a user would from the shell; its output and exit code. */
export async function verify(args: string[], dataDir: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  const error = jest.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void err.push(parts.join(' ')));
  const previous = process.env.DATA_DIR;
  process.env.DATA_DIR = dataDir;
  try {
    const code = await verifyCommand.run(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    process.env.DATA_DIR = previous;
    log.mockRestore();
    error.mockRestore();
  }
}

export type { KeyObject };
