import { Module, type DynamicModule } from '@nestjs/common';
import { ApprovalsController } from './approvals.controller';
import { AuditController } from './audit.controller';
import { ProjectionsController } from './projections.controller';
import { RegisterQueryController } from './register-query.controller';
import { ReportsController } from './reports.controller';

/** The JSON queries across items, over the read models. */
@Module({})
export class QueriesModule {
  /**
   * `projections`: the app's one `ProjectionsModule.forRoot(...)`, shared with the pages and exports;
   * `reads`: its one pool of read workers, for the JAC report.
   */
  static forRoot(projections: DynamicModule, reads: DynamicModule): DynamicModule {
    return {
      module: QueriesModule,
      imports: [projections, reads],
      controllers: [RegisterQueryController, ApprovalsController, ReportsController, AuditController, ProjectionsController],
    };
  }
}
