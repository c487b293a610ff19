import { Module } from '@nestjs/common';
import { IssuedPaperRecord } from './issued-papers';
import { ItemHistoryReader } from './item-history';
import { PeopleDirectory } from './people-directory';
import { RecommendationWorkflow } from './recommendation-workflow';

/** The command side: needs `EVENT_STORE` from `EventStoreModule` and `CLOCK` from `ClockModule`. */
@Module({
  providers: [RecommendationWorkflow, PeopleDirectory, ItemHistoryReader, IssuedPaperRecord],
  exports: [RecommendationWorkflow, PeopleDirectory, ItemHistoryReader, IssuedPaperRecord],
})
export class WorkflowModule {}
