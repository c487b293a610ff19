import { Module } from '@nestjs/common';
import { WorkflowModule } from '@hmicfrs/workflow';
import { InspectionActivityController } from './inspection-activity.controller';
import { InspectionsController } from './inspections.controller';
import { RecommendationCommandsController } from './recommendation-commands.controller';
import { RecommendationsController } from './recommendations.controller';

/** The command side over HTTP, and the per-item reads (current, as at, history). */
@Module({
  imports: [WorkflowModule],
  controllers: [InspectionsController, InspectionActivityController, RecommendationsController, RecommendationCommandsController],
})
export class RecommendationsModule {}
