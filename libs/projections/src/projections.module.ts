import {
  DynamicModule,
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore, type EventStoreOptions } from '@hmicfrs/event-store';
import { appProjections } from './app-projections';
import { ApprovalQueueQueries } from './approval-queue/approval-queue.queries';
import { AuditTrailQueries } from './audit/audit-trail.queries';
import { NeedsYouQueries } from './home/needs-you.queries';
import { PeopleQueries } from './people/people.queries';
import { PastRegister } from './register/past-register';
import { RegisterQueries } from './register/register.queries';
import { JacReportService } from './reports/jac-report.service';
import { RegisterReports } from './reports/register-reports';
import { FRESHNESS_TIMEOUT_MS, ReadModelFreshness } from './runtime/freshness';
import type { Projection } from './runtime/projection';
import { PROJECTIONS, ProjectionStatusReader } from './runtime/projection-status';
import { DEFAULT_PROJECTOR_OPTIONS, Projector, type ProjectorOptions } from './runtime/projector';
import { ReadModelDatabase } from './runtime/read-model-database';
import { ensureReadModels } from './runtime/read-models';
import { RebuildThread } from './runtime/rebuild-thread';
import { Rebuilder } from './runtime/rebuilder';

export interface ProjectionsModuleOptions {
  /** Where `read-models.db` lives (beside `events.db`). */
  dataDir: string;
  /** Run the projector in this process (the API's default); otherwise `cli project` does. */
  runProjector: boolean;
  /** How long a report as at a date waits for the register to catch up. Default 10 s. */
  freshnessTimeoutMs?: number;
  projector?: Partial<ProjectorOptions>;
  /**
   * How long a write waits for another process's write. Default 100 ms: in the API a projector waiting
   * inside SQLite would stall every request of the process; it waits between turns of the event loop
   * instead. A command-line rebuild or report has nothing else to serve and may wait longer.
   */
  busyTimeoutMs?: number;
  /**
   * The rebuilds the projector starts itself run in a worker thread that opens this store to read
   * (`RebuildThread`; the API's, with READ_WORKERS above 0); without it, on this thread.
   */
  rebuildThread?: EventStoreOptions;
}

const OPTIONS = Symbol('PROJECTIONS_MODULE_OPTIONS');

/**
 * The read side: the projections as providers, the runtime that feeds them, and the queries over their
 * read models. Needs `EVENT_STORE` (from `EventStoreModule`).
 */
@Module({})
export class ProjectionsModule implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  constructor(
    private readonly projector: Projector,
    private readonly database: ReadModelDatabase,
    @Inject(OPTIONS) private readonly options: ProjectionsModuleOptions,
    @Inject(RebuildThread) private readonly rebuildThread: RebuildThread | null,
  ) {}

  static forRoot(options: ProjectionsModuleOptions): DynamicModule {
    const queries = [
      RegisterQueries,
      PastRegister,
      RegisterReports,
      ApprovalQueueQueries,
      AuditTrailQueries,
      JacReportService,
      ProjectionStatusReader,
      PeopleQueries,
      NeedsYouQueries,
    ];
    return {
      module: ProjectionsModule,
      providers: [
        { provide: OPTIONS, useValue: options },
        { provide: PROJECTIONS, useFactory: appProjections },
        {
          provide: ReadModelDatabase,
          inject: [PROJECTIONS],
          useFactory: (projections: Projection[]) => {
            const database = ReadModelDatabase.inDataDir(options.dataDir, { busyTimeoutMs: options.busyTimeoutMs ?? 100 });
            ensureReadModels(database, projections);
            return database;
          },
        },
        {
          provide: Rebuilder,
          inject: [EVENT_STORE, ReadModelDatabase, PROJECTIONS],
          useFactory: (store: EventStore, database: ReadModelDatabase, projections: Projection[]) =>
            new Rebuilder(store, database, projections),
        },
        {
          provide: RebuildThread,
          inject: [ReadModelDatabase],
          useFactory: (database: ReadModelDatabase) => (options.rebuildThread ? new RebuildThread(options.rebuildThread, database) : null),
        },
        {
          provide: Projector,
          inject: [EVENT_STORE, ReadModelDatabase, PROJECTIONS, Rebuilder, RebuildThread],
          useFactory: (
            store: EventStore,
            database: ReadModelDatabase,
            projections: Projection[],
            rebuilder: Rebuilder,
            thread: RebuildThread | null,
          ) => new Projector(store, database, projections, thread ?? rebuilder, { ...DEFAULT_PROJECTOR_OPTIONS, ...options.projector }),
        },
        { provide: FRESHNESS_TIMEOUT_MS, useValue: options.freshnessTimeoutMs ?? 10_000 },
        ReadModelFreshness,
        ...queries,
      ],
      exports: [...queries, Projector, Rebuilder, ReadModelDatabase],
    };
  }

  onApplicationBootstrap(): void {
    if (this.options.runProjector) this.projector.start();
  }

  /** Before the store closes (on application shutdown): the projector reads from it to the last. */
  async onModuleDestroy(): Promise<void> {
    await this.projector.stop();
  }

  /** After the projector has stopped: a rebuild under way in its thread has finished by then. */
  async onApplicationShutdown(): Promise<void> {
    await this.rebuildThread?.close();
    this.database.close();
  }
}
