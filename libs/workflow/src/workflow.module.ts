import { Module } from '@nestjs/common';
import { CLOCK } from './clock';
import { ItemHistoryReader } from './item-history';
import { RecommendationWorkflow } from './recommendation-workflow';

/** The command side: needs `EVENT_STORE` from `EventStoreModule`. */
@Module({
  providers: [RecommendationWorkflow, ItemHistoryReader, { provide: CLOCK, useValue: () => new Date() }],
  exports: [RecommendationWorkflow, ItemHistoryReader],
})
export class WorkflowModule {}
