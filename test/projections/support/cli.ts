import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../../..');

/** `npm run cli -- …` without building: the sources through the same compiler jest uses. */
export function cli(dataDir: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return cliWith({}, dataDir, ...args);
}

/** The same, with more environment variables (`NO_COLOR`, so that the log's own colours are not mistaken for stored text's). */
export function cliWith(
  env: Record<string, string>,
  dataDir: string,
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', join(root, 'scripts/ts-hook.js'), join(root, 'apps/cli/src/main.ts'), ...args], {
      env: { ...process.env, DATA_DIR: dataDir, JWT_SECRET: 'x'.repeat(40), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
