import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { AppConfig } from '@hmicfrs/config';
import { UsageError } from './cli-command';
import { repositoryRoot } from './demo-files';

export interface RunningApi {
  url: string;
  /** Resolves when the API has stopped of its own accord; the demo stops with it. */
  exited: Promise<number>;
  stop(): Promise<void>;
}

/**
 * The built API as its own process, exactly as `npm start` runs it, on the demo's data directory: the
 * CLI never loads the API's code. Its log is left out of the demo's output, but not its errors.
 */
export async function startApi(config: AppConfig): Promise<RunningApi> {
  const main = join(repositoryRoot(), 'dist', 'apps', 'api', 'src', 'main.js');
  if (!existsSync(main)) throw new UsageError(`The demo starts the built API, ${main}, which is not there: npm run build first`);
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, DATA_DIR: config.DATA_DIR },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  const url = `http://${config.HOST}:${config.PORT}`;
  try {
    await Promise.race([
      listening(child, url),
      exited.then((code) => Promise.reject(new Error(`The API stopped before it was ready (exit code ${code})`))),
    ]);
  } catch (error) {
    await stop(child, exited);
    throw error;
  }
  return { url, exited, stop: () => stop(child, exited) };
}

/**
 * Ready once the API says it listens on the demo's address — its own line, not a /health answer, which
 * another server already on that port could give while this one fails to bind.
 */
function listening(child: ChildProcess, url: string): Promise<void> {
  return new Promise((resolve) => {
    // Read to the end, so that a full pipe never holds the API up.
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes(` on ${url} `)) resolve();
    });
  });
}

async function stop(child: ChildProcess, exited: Promise<number>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await exited;
}
