import { workerData } from 'node:worker_threads';
import { ReadModelDatabase } from '@hmicfrs/projections';
import { runReadTask, type ReadTask } from './read-task';

/** Where the read models are: the worker opens its own read-only connection to them. */
export interface ReadWorkerData {
  file: string;
}

let database: ReadModelDatabase | undefined;

/**
 * A worker thread of `ReadWorkers` (docs/architecture.md, "Heavy reads off the request thread"): its
 * own read-only connection, opened on its first task, and the same code the request thread would run.
 */
export default function read(task: ReadTask) {
  database ??= ReadModelDatabase.open((workerData as ReadWorkerData).file, { readonly: true });
  return runReadTask(database, task);
}
