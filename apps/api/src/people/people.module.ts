import { Module, type DynamicModule } from '@nestjs/common';
import { AppConfig } from '@hmicfrs/config';
import { MAX_PEOPLE_FILE_BYTES, PeopleImporter, importLimitsOf } from '@hmicfrs/import';
import { PeopleDirectory, WorkflowModule } from '@hmicfrs/workflow';
import { PeopleController } from './people.controller';

/** The directory of people over HTTP: added through the workflow (one by one or a CSV), listed from the read model. */
@Module({})
export class PeopleModule {
  /** `projections`: the app's one `ProjectionsModule.forRoot(...)`. */
  static forRoot(projections: DynamicModule): DynamicModule {
    return {
      module: PeopleModule,
      imports: [WorkflowModule, projections],
      controllers: [PeopleController],
      providers: [
        {
          provide: PeopleImporter,
          inject: [PeopleDirectory, AppConfig],
          useFactory: (directory: PeopleDirectory, config: AppConfig) =>
            new PeopleImporter(directory, MAX_PEOPLE_FILE_BYTES, importLimitsOf(config)),
        },
      ],
      exports: [PeopleImporter],
    };
  }
}
