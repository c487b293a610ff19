import { Module } from '@nestjs/common';
import { ItemHistoryReader } from './item-history';
import { PeopleDirectory } from './people-directory';
import { RecommendationWorkflow } from './recommendation-workflow';
import { WrittenPositions } from './written-positions';

/** The command side: needs `EVENT_STORE` from `EventStoreModule` and `CLOCK` from `ClockModule`. */
@Module({
  providers: [RecommendationWorkflow, PeopleDirectory, ItemHistoryReader, WrittenPositions],
  exports: [RecommendationWorkflow, PeopleDirectory, ItemHistoryReader, WrittenPositions],
})
export class WorkflowModule {}
