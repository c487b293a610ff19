import { Module, type DynamicModule } from '@nestjs/common';
import { WorkflowModule } from '@hmicfrs/workflow';
import { PeopleController } from './people.controller';

/** The directory of people over HTTP: added through the workflow, listed from the read model. */
@Module({})
export class PeopleModule {
  /** `projections`: the app's one `ProjectionsModule.forRoot(...)`. */
  static forRoot(projections: DynamicModule): DynamicModule {
    return { module: PeopleModule, imports: [WorkflowModule, projections], controllers: [PeopleController] };
  }
}
