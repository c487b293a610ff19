import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Owner only: the events, the read models, the users file and any local secret are the force's business. */
export const DATA_DIR_MODE = 0o700;
export const DATA_FILE_MODE = 0o600;
/** Files made from here on by this process (the stores' -wal and -shm files too) are the owner's only. */
export const OWNER_ONLY_UMASK = 0o077;

/**
 * Makes the data directory the owner's only (0700) and every file already in it (0600): a store made
 * world-readable by an earlier version, or by hand, is tightened at the next start. The API and the CLI
 * also set the process's umask (`ownerOnlyFiles`) so whatever they create later is 0600 from the first byte.
 */
export function secureDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: DATA_DIR_MODE });
  chmodSync(dataDir, DATA_DIR_MODE);
  for (const name of readdirSync(dataDir)) {
    const path = join(dataDir, name);
    if (existsSync(path) && statSync(path).isFile()) chmodSync(path, DATA_FILE_MODE);
  }
}

/** From now on this process creates files and directories for their owner only. */
export function ownerOnlyFiles(): void {
  process.umask(OWNER_ONLY_UMASK);
}
