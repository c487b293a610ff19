import { Module } from '@nestjs/common';
import { ItemHistoryReader } from './item-history';
import { PeopleDirectory } from './people-directory';
import { RecommendationWorkflow } from './recommendation-workflow';

/** The command side: needs `EVENT_STORE` from `EventStoreModule` and `CLOCK` from `ClockModule`. */
@Module({
  providers: [RecommendationWorkflow, PeopleDirectory, ItemHistoryReader],
  exports: [RecommendationWorkflow, PeopleDirectory, ItemHistoryReader],
})
export class WorkflowModule {}
