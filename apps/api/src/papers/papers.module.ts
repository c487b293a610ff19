import { Module, type DynamicModule } from '@nestjs/common';
import { WorkflowModule } from '@hmicfrs/workflow';
import { CommitteePapers } from './committee-papers';
import { PapersController } from './papers.controller';

/** Issued committee papers over HTTP: recorded through the workflow, drawn up from the read models. */
@Module({})
export class PapersModule {
  /** `projections`: the app's one `ProjectionsModule.forRoot(...)`; `reads`: its one pool of read workers. */
  static forRoot(projections: DynamicModule, reads: DynamicModule): DynamicModule {
    return {
      module: PapersModule,
      imports: [WorkflowModule, projections, reads],
      providers: [CommitteePapers],
      controllers: [PapersController],
      exports: [CommitteePapers],
    };
  }
}
