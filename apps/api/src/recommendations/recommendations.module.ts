import { Module } from '@nestjs/common';
import { WorkflowModule } from '@hmicfrs/workflow';
import { InspectionsController } from './inspections.controller';
import { RecommendationCommandsController } from './recommendation-commands.controller';
import { RecommendationsController } from './recommendations.controller';

/** The command side over HTTP, and the per-item reads (current, as at, history). */
@Module({
  imports: [WorkflowModule],
  controllers: [InspectionsController, RecommendationsController, RecommendationCommandsController],
})
export class RecommendationsModule {}
