import { Module } from '@nestjs/common';
import { CLOCK, type Clock } from '@hmicfrs/clock';
import { EVENT_STORE, type EventStore } from '@hmicfrs/event-store';
import { AppConfig } from '@hmicfrs/config';
import { MAX_IMPORT_BYTES, RegisterImporter, importLimitsOf } from '@hmicfrs/import';
import { RecommendationWorkflow, WorkflowModule } from '@hmicfrs/workflow';
import { ImportsController } from './imports.controller';

/** POST /imports: a register file in the request body (read whole by `parseFileBodies`), through the same importer as `cli import`. */
@Module({
  imports: [WorkflowModule],
  controllers: [ImportsController],
  exports: [RegisterImporter],
  providers: [
    {
      provide: RegisterImporter,
      inject: [RecommendationWorkflow, EVENT_STORE, CLOCK, AppConfig],
      useFactory: (workflow: RecommendationWorkflow, store: EventStore, clock: Clock, config: AppConfig) =>
        new RegisterImporter(workflow, store, clock, MAX_IMPORT_BYTES, importLimitsOf(config)),
    },
  ],
})
export class ImportsModule {}
