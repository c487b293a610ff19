import { Module, type DynamicModule, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@hmicfrs/clock';
import { AppConfig } from '@hmicfrs/config';
import { EVENT_STORE, type EventStore, type EventStoreOptions } from '@hmicfrs/event-store';
import { HISTORY_INTEGRITY } from '@hmicfrs/workflow';
import { HistoryWatch } from './history-watch';
import { SEAL_KEY, loadSealKey, type SealKey } from './seal-key';
import { SEAL_SCHEDULE_OPTIONS, SealSchedule } from './seal-schedule';
import { SealThread } from './seal-thread';
import { Sealer } from './sealer';
import { HistoryVerifier } from './verify-history';
import { VerifyThread, type VerifiesHistory } from './verify-thread';

/**
 * The sealer for a Nest application: the key from the configuration (SEAL_PRIVATE_KEY, SEAL_PRIVATE_KEY_FILE
 * or the local one), a `Sealer` on the application's store and clock (hashing in a worker thread of its
 * own unless READ_WORKERS is 0), and — with `schedule` — the
 * `SealSchedule` that seals every SEAL_EVERY_EVENTS events or SEAL_EVERY_MINUTES minutes; with `watch`,
 * the `HistoryWatch` that verifies the history at start and after each checkpoint and is the command
 * pipeline's `HISTORY_INTEGRITY` (global, so the workflow finds it wherever it is imported); it walks
 * the history in a worker thread of its own unless READ_WORKERS is 0, as the heavy reads do.
 * Needs `EVENT_STORE`, `CLOCK` and `AppConfig` from the application.
 */
@Module({})
export class SealModule {
  static forRoot(options: { schedule: boolean; watch?: boolean }): DynamicModule {
    const watch = options.watch
      ? [
          {
            provide: HistoryWatch,
            inject: [EVENT_STORE, SEAL_KEY, CLOCK, AppConfig],
            useFactory: (store: EventStore, key: SealKey, clock: Clock, config: AppConfig) =>
              new HistoryWatch(historyVerifier(store, key, config), clock),
          },
          { provide: HISTORY_INTEGRITY, useExisting: HistoryWatch },
        ]
      : [];
    return {
      module: SealModule,
      global: true,
      providers: [
        {
          provide: SEAL_KEY,
          inject: [AppConfig],
          useFactory: (config: AppConfig): SealKey => {
            const logger = new Logger('Sealer');
            return loadSealKey({ pem: config.SEAL_PRIVATE_KEY, file: config.SEAL_PRIVATE_KEY_FILE, dataDir: config.DATA_DIR }, (message) =>
              logger.warn(message),
            );
          },
        },
        {
          provide: Sealer,
          inject: [EVENT_STORE, SEAL_KEY, CLOCK, AppConfig],
          useFactory: (store: EventStore, key: SealKey, clock: Clock, config: AppConfig) =>
            new Sealer(store, key, clock, {
              maxEventsPerCheckpoint: config.SEAL_EVERY_EVENTS,
              // Hashing the backlog in a worker thread, unless READ_WORKERS is 0: then on the request thread.
              hasher: config.READ_WORKERS === 0 ? undefined : new SealThread(storeOptions(config)),
            }),
        },
        ...(options.schedule
          ? [
              {
                provide: SEAL_SCHEDULE_OPTIONS,
                inject: [AppConfig],
                useFactory: (config: AppConfig) => ({ everyEvents: config.SEAL_EVERY_EVENTS, everyMinutes: config.SEAL_EVERY_MINUTES }),
              },
              SealSchedule,
            ]
          : []),
        ...watch,
      ],
      exports: [Sealer, SEAL_KEY, ...(options.schedule ? [SealSchedule] : []), ...(options.watch ? [HistoryWatch, HISTORY_INTEGRITY] : [])],
    };
  }
}

/** The history walked in a worker thread on its own read-only connection (`VerifyThread`), or with READ_WORKERS=0 on this one. */
function historyVerifier(store: EventStore, key: SealKey, config: AppConfig): VerifiesHistory {
  if (config.READ_WORKERS === 0) return new HistoryVerifier({ store, publicKey: key.publicKey, keyFingerprint: key.fingerprint });
  return new VerifyThread(store, {
    store: storeOptions(config),
    publicKeyPem: key.publicKeyPem,
  });
}

/** Where a worker thread's own connection to the store goes (EventStoreDB: a client of its own from the connection string). */
function storeOptions(config: AppConfig): EventStoreOptions {
  return { dataDir: config.DATA_DIR, connectionString: config.EVENTSTORE_CONNECTION_STRING };
}
