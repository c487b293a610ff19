import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { EVENT_STORE, type EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export interface EventStoreOptions {
  /** Where the embedded store keeps `events.db`. */
  dataDir: string;
  /** When given, EventStoreDB / KurrentDB is used instead of the embedded store. */
  connectionString?: string;
}

/** Opens the store the configuration names, offers it as `EVENT_STORE`, and closes it on shutdown. */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(options: EventStoreOptions): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [{ provide: EVENT_STORE, useFactory: () => openEventStore(options) }],
      exports: [EVENT_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

export async function openEventStore(options: EventStoreOptions): Promise<EventStore> {
  const logger = new Logger('EventStore');
  if (options.connectionString) {
    logger.log('Using EventStoreDB (EVENTSTORE_CONNECTION_STRING is set)');
    return EventStoreDbEventStore.open(options.connectionString, { warn: (message) => logger.warn(message) });
  }
  const file = join(options.dataDir, 'events.db');
  logger.log(`Using the embedded SQLite store at ${file}`);
  return SqliteEventStore.open(file);
}

/**
 * The same store as `openEventStore`, opened again to read only, quietly: a worker thread's own
 * connection (docs/architecture.md, "Heavy reads off the request thread"). For EventStoreDB a client of
 * its own from the connection string; the API's start has already checked its settings and said which
 * store it uses.
 */
export function openEventStoreToRead(options: EventStoreOptions): EventStore {
  if (options.connectionString) return new EventStoreDbEventStore(options.connectionString);
  return SqliteEventStore.open(join(options.dataDir, 'events.db'), { readonly: true });
}
