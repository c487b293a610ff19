import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The secret that signs bearer tokens. Configured (`JWT_SECRET`) in any real deployment; for a local
 * run without one, a random secret is made once and kept in the data directory, readable by its owner
 * only, so the API and `cli token` agree — and the caller is told, loudly.
 */
export function tokenSecret(configured: string | undefined, dataDir: string, warn: (message: string) => void): string {
  return localSecret({ variable: 'JWT_SECRET', signs: 'tokens', file: '.jwt-secret' }, configured, dataDir, warn);
}

/** The secret that signs the web pages' session cookie: `SESSION_SECRET`, or a local one as for tokens. */
export function sessionSecret(configured: string | undefined, dataDir: string, warn: (message: string) => void): string {
  return localSecret({ variable: 'SESSION_SECRET', signs: 'session cookies', file: '.session-secret' }, configured, dataDir, warn);
}

function localSecret(
  what: { variable: string; signs: string; file: string },
  configured: string | undefined,
  dataDir: string,
  warn: (message: string) => void,
): string {
  if (configured) return configured;
  const file = join(dataDir, what.file);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  warn(
    `${what.variable} is not set: ${what.signs} are signed with a local secret kept in ${file}. ` +
      `Fine for a local run; set ${what.variable} (32+ bytes) for any shared deployment.`,
  );
  return readFileSync(file, 'utf8').trim();
}
