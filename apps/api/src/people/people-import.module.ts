import { Module } from '@nestjs/common';
import { AppConfig } from '@hmicfrs/config';
import { MAX_PEOPLE_FILE_BYTES, PeopleImporter, importLimitsOf } from '@hmicfrs/import';
import { PeopleDirectory, WorkflowModule } from '@hmicfrs/workflow';

/** The one PeopleImporter, for `POST /people/import` and the people page's upload alike. */
@Module({
  imports: [WorkflowModule],
  providers: [
    {
      provide: PeopleImporter,
      inject: [PeopleDirectory, AppConfig],
      useFactory: (directory: PeopleDirectory, config: AppConfig) =>
        new PeopleImporter(directory, MAX_PEOPLE_FILE_BYTES, importLimitsOf(config)),
    },
  ],
  exports: [PeopleImporter],
})
export class PeopleImportModule {}
