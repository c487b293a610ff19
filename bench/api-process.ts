import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The built API's entry point beside the built benchmarks. */
export const BUILT_API = join(__dirname, '..', 'apps', 'api', 'src', 'main.js');
/** The bare Fastify baseline (`bare-fastify.ts`) beside it. */
export const BUILT_BARE_FASTIFY = join(__dirname, 'bare-fastify.js');
/** What the bare baseline prints once it listens. */
export const BARE_READY = 'bare Fastify baseline on';

/**
 * The API as its own process, as in production, so that the load it answers is not generated on its
 * own event loop. Resolves once it says it is listening (`ready`: what it prints then).
 */
export function startApi(main: string, env: Record<string, string>, ready = 'HMICFRS recommendations API on'): Promise<ChildProcess> {
  // BENCH_API_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, to profile the API (NODE_OPTIONS may not carry --cpu-prof).
  const nodeArgs = process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, main], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the API exited with ${code} before it listened`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes(ready)) resolve(child);
    });
  });
}

export function stopApi(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * The CPU time the process has used so far (user and system, milliseconds), from /proc: it is less moved by
 * the shared machine's other work than wall time. `undefined` where there is no /proc.
 */
export function cpuMilliseconds(child: ChildProcess): number | undefined {
  try {
    // Fields 14 and 15 (utime, stime), in clock ticks of 10 ms, after the command name in parentheses.
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
