import { workerData } from 'node:worker_threads';
import { openEventStoreToRead, type EventStore, type EventStoreOptions } from '@hmicfrs/event-store';
import { hashRanges, type HashedRanges, type RangeLimits, type SealStart } from './seal-ranges';

/** Where the store is: the thread's own read-only connection goes there. */
export interface SealWorkerData {
  store: EventStoreOptions;
}

export interface SealTask {
  start: SealStart;
  limits: RangeLimits;
}

/** Opened on the thread's first task and kept while it lives. */
let store: EventStore | undefined;

/** The thread of `SealThread`: the ranges after `start`, hashed as on the request thread. */
export default function hash({ start, limits }: SealTask): Promise<HashedRanges> {
  store ??= openEventStoreToRead((workerData as SealWorkerData).store);
  return hashRanges(store, start, limits);
}
