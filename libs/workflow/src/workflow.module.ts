import { Module } from '@nestjs/common';
import { InspectionActivityLog } from './inspection-activity-log';
import { IssuedPaperRecord } from './issued-papers';
import { ItemHistoryReader } from './item-history';
import { PeopleDirectory } from './people-directory';
import { RecommendationWorkflow } from './recommendation-workflow';
import { WrittenPositions } from './written-positions';

/** The command side: needs `EVENT_STORE` from `EventStoreModule` and `CLOCK` from `ClockModule`. */
@Module({
  providers: [RecommendationWorkflow, PeopleDirectory, ItemHistoryReader, WrittenPositions, IssuedPaperRecord, InspectionActivityLog],
  exports: [RecommendationWorkflow, PeopleDirectory, ItemHistoryReader, WrittenPositions, IssuedPaperRecord, InspectionActivityLog],
})
export class WorkflowModule {}
