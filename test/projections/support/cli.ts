import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../../..');

/** `npm run cli -- …` in a real process, without building: the sources through the same compiler jest uses. */
export function cli(dataDir: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', join(__dirname, 'ts-hook.js'), join(root, 'apps/cli/src/main.ts'), ...args], {
      env: { ...process.env, DATA_DIR: dataDir, JWT_SECRET: 'x'.repeat(40) },
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
