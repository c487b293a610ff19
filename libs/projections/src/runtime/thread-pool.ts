import { extname, join } from 'node:path';
import { Piscina } from 'piscina';

/** Below the request thread: on a busy machine the commands get the cores first, the heavy work what is left. */
const NICE_INCREMENT = 10;

export interface ThreadPoolOptions {
  /** The worker's file, beside its caller: `join(__dirname, \`name${extname(__filename)}\`)`, so .ts under jest and .js in dist. */
  script: string;
  threads: number;
  /** A thread with nothing to do for this long ends (Infinity: never, for a worker that keeps what it learnt). */
  idleMs: number;
  /** What every thread is given at start: where its own connections go. */
  workerData: unknown;
}

/**
 * The one way heavy work leaves the request thread (docs/architecture.md, "Heavy reads off the request
 * thread"): a piscina pool of niced threads, started on their first task, each opening its own
 * connections from `workerData`. Exports and JAC reports (libs/export), the projector's rebuilds and
 * the API's history verification (libs/seal) each keep one.
 */
export function threadPool({ script, threads, idleMs, workerData }: ThreadPoolOptions): Piscina {
  return new Piscina({
    filename: script,
    // Started on the first task, not with the app (most runs of the tests ask for none), and kept a while.
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: idleMs,
    niceIncrement: NICE_INCREMENT,
    workerData,
    // Run from the TypeScript sources (jest, ts-hook): the worker transpiles them as its parent does.
    ...(extname(script) === '.ts' ? { execArgv: ['--require', join(__dirname, '../../../../scripts/ts-hook.js')] } : {}),
  });
}
