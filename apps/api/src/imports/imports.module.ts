import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { CLOCK, type Clock } from '@hmicfrs/clock';
import { EVENT_STORE, type EventStore } from '@hmicfrs/event-store';
import { AppConfig } from '@hmicfrs/config';
import { MAX_IMPORT_BYTES, RegisterImporter, importLimitsOf } from '@hmicfrs/import';
import { RecommendationWorkflow, WorkflowModule } from '@hmicfrs/workflow';
import { IMPORT_MEDIA_TYPES } from './import-media-types';
import { ImportsController } from './imports.controller';

/** POST /imports: a register file in the request body, through the same importer as `cli import`. */
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
export class ImportsModule implements OnModuleInit {
  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  /** The API's 1 MB body limit is for commands; a register file may be up to the import's own limit. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addContentTypeParser(IMPORT_MEDIA_TYPES, { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES }, (_request, body, done) =>
      done(null, body),
    );
  }
}
