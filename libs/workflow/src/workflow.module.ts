import { Module } from '@nestjs/common';
import { ItemHistoryReader } from './item-history';
import { RecommendationWorkflow } from './recommendation-workflow';

/** The command side: needs `EVENT_STORE` from `EventStoreModule` and `CLOCK` from `ClockModule`. */
@Module({
  providers: [RecommendationWorkflow, ItemHistoryReader],
  exports: [RecommendationWorkflow, ItemHistoryReader],
})
export class WorkflowModule {}
