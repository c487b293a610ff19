import { workerData } from 'node:worker_threads';
import { openEventStoreToRead, type EventStoreOptions } from '@hmicfrs/event-store';
import { appProjections } from '../app-projections';
import { RebuildAlreadyRunning } from '../errors';
import { ReadModelDatabase } from './read-model-database';
import { Rebuilder } from './rebuilder';

/** Where the store and the read models are: the worker opens its own connections to them. */
export interface RebuildWorkerData {
  store: EventStoreOptions;
  readModels: string;
}

/** A refusal crosses from the worker as data: an error's own class and fields do not survive the trip. */
export type RebuildOutcome = { rebuilt: true } | { alreadyRunning: { projection: string; holder: string } };

/**
 * The thread of `RebuildThread`: the store read only, the read models writable for the rebuild's own
 * tables, leases and swap, as `cli rebuild` opens them in its process. Connections last one rebuild.
 */
export default async function rebuild(names: readonly string[]): Promise<RebuildOutcome> {
  const { store: storeOptions, readModels } = workerData as RebuildWorkerData;
  const store = openEventStoreToRead(storeOptions);
  // The default busy timeout (30 s): waiting inside SQLite holds only this thread.
  const database = ReadModelDatabase.open(readModels);
  try {
    await new Rebuilder(store, database, appProjections()).rebuild(names);
    return { rebuilt: true };
  } catch (error) {
    if (!(error instanceof RebuildAlreadyRunning)) throw error;
    return { alreadyRunning: { projection: error.projection, holder: error.holder } };
  } finally {
    database.close();
    await store.close();
  }
}
