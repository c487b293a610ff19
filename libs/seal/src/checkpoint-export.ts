import { readFileSync } from 'node:fs';
import { CheckpointUnreadable, exportedPart, parseCheckpoint, type SignedCheckpoint } from './checkpoint';
import { publicKeyFromPem, SealKeyProblem } from './seal-key';

export const EXPORT_FORMAT = 'hmicfrs-checkpoints/1';

/**
 * The file auditors keep outside the system: every checkpoint's signed part (no heads: those stay in
 * the store, held to the signed `headsDigest`), and the public key for convenience — an auditor checks
 * its fingerprint against the one they were given, never trusts it because it is in the file.
 */
export interface CheckpointExport {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  keyFingerprint: string;
  publicKey: string;
  checkpoints: SignedCheckpoint[];
}

export function checkpointExport(
  checkpoints: readonly SignedCheckpoint[],
  key: { fingerprint: string; publicKeyPem: string },
  exportedAt: Date,
): CheckpointExport {
  return {
    format: EXPORT_FORMAT,
    exportedAt: exportedAt.toISOString(),
    keyFingerprint: key.fingerprint,
    publicKey: key.publicKeyPem,
    checkpoints: checkpoints.map(exportedPart),
  };
}

/** Reads an export, or says in one line why it cannot be one (missing, truncated, not JSON, a field wrong). */
export function readCheckpointExport(file: string): CheckpointExport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CheckpointUnreadable(
      `cannot read the checkpoints file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CheckpointUnreadable(`the checkpoints file ${file} is not JSON (truncated or corrupt)`);
  }
  const v = value as Partial<CheckpointExport> | null;
  if (v === null || typeof v !== 'object' || v.format !== EXPORT_FORMAT) {
    throw new CheckpointUnreadable(`${file} is not a checkpoints export (format ${EXPORT_FORMAT})`);
  }
  if (!Array.isArray(v.checkpoints)) throw new CheckpointUnreadable(`${file}: checkpoints is not a list`);
  const checkpoints = v.checkpoints.map((checkpoint, index) => parseCheckpoint(checkpoint, `${file} checkpoint ${index + 1}`));
  if (typeof v.publicKey !== 'string') throw new CheckpointUnreadable(`${file}: publicKey is missing`);
  try {
    publicKeyFromPem(v.publicKey, file);
  } catch (error) {
    if (error instanceof SealKeyProblem) throw new CheckpointUnreadable(error.message);
    throw error;
  }
  return { ...(v as CheckpointExport), checkpoints };
}
