import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { JacReportService, ReadModelDatabase } from '@hmicfrs/projections';
import { ReadWorkers } from './read-workers';

const THREADS = Symbol('READ_WORKER_THREADS');

/** `ReadWorkers` over the app's one read side (`projections`), with `threads` worker threads (0: none). */
@Module({})
export class ReadWorkersModule implements OnApplicationShutdown {
  constructor(private readonly workers: ReadWorkers) {}

  static forRoot(projections: DynamicModule, threads: number): DynamicModule {
    return {
      module: ReadWorkersModule,
      imports: [projections],
      providers: [
        { provide: THREADS, useValue: threads },
        {
          provide: ReadWorkers,
          inject: [ReadModelDatabase, JacReportService, THREADS],
          useFactory: (database: ReadModelDatabase, jac: JacReportService, count: number) => new ReadWorkers(database, jac, count),
        },
      ],
      exports: [ReadWorkers],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.workers.close();
  }
}
