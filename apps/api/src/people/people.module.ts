import { Module, type DynamicModule } from '@nestjs/common';
import { WorkflowModule } from '@hmicfrs/workflow';
import { PeopleImportModule } from './people-import.module';
import { PeopleController } from './people.controller';

/** The directory of people over HTTP: added through the workflow (one by one or a CSV), listed from the read model. */
@Module({})
export class PeopleModule {
  /** `projections`: the app's one `ProjectionsModule.forRoot(...)`. */
  static forRoot(projections: DynamicModule): DynamicModule {
    return { module: PeopleModule, imports: [WorkflowModule, PeopleImportModule, projections], controllers: [PeopleController] };
  }
}
