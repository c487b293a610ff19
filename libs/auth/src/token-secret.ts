import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The secret that signs bearer tokens. Configured (`JWT_SECRET`) in any real deployment; for a local
 * run without one, a random secret is made once and kept in the data directory, readable by its owner
 * only, so the API and `cli token` agree — and the caller is told, loudly.
 */
export function tokenSecret(
  configured: string | undefined,
  dataDir: string,
  warn: (message: string) => void,
): string {
  if (configured) return configured;
  const file = join(dataDir, '.jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  warn(
    `JWT_SECRET is not set: tokens are signed with a local secret kept in ${file}. ` +
      'Fine for a local run; set JWT_SECRET (32+ characters) for any shared deployment.',
  );
  return readFileSync(file, 'utf8').trim();
}
