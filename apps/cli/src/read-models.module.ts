import { Module, type DynamicModule } from '@nestjs/common';
import { ClockModule } from '@hmicfrs/clock';
import type { AppConfig } from '@hmicfrs/config';
import { EventStoreModule } from '@hmicfrs/event-store';
import { ProjectionsModule } from '@hmicfrs/projections';
import { ReportSealModule } from '@hmicfrs/seal';

/** The store and the read models without HTTP, for `project`, `rebuild` and `report`. */
@Module({})
export class ReadModelsModule {
  static forRoot(config: AppConfig, options: { runProjector: boolean }): DynamicModule {
    return {
      module: ReadModelsModule,
      imports: [
        ClockModule.forRoot(),
        EventStoreModule.forRoot({ dataDir: config.DATA_DIR, connectionString: config.EVENTSTORE_CONNECTION_STRING }),
        // `report` ends with the latest checkpoint (read from the store; no key needed).
        ReportSealModule,
        // Nothing else to serve here: a write may wait as long as another process's rebuild needs.
        ProjectionsModule.forRoot({
          dataDir: config.DATA_DIR,
          runProjector: options.runProjector,
          busyTimeoutMs: 30_000,
          freshnessTimeoutMs: 60_000,
        }),
      ],
    };
  }
}
