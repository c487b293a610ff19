import { Body, Controller, HttpCode, Post, Query, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Can } from '@hmicfrs/auth';
import { RegisterImporter, type ImportReport } from '@hmicfrs/import';
import type { CommandRequest } from '@hmicfrs/workflow';
import { FromRequest } from '../recommendations/command-request.decorator';
import { IMPORT_MEDIA_TYPES } from './import-media-types';
import { ImportQuery } from './import-query';

@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(private readonly importer: RegisterImporter) {}

  /**
   * A register file as the request body (CSV or XLSX), one row per item; the columns are in the README.
   * 422 lists every bad row with its column and reason, and then nothing was written.
   */
  @Post()
  @HttpCode(200)
  @Can('imports.run')
  @ApiConsumes(...IMPORT_MEDIA_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ description: 'What was imported (or, in a dry run, would be), and any rows skipped or left out' })
  run(
    @Body() body: unknown,
    @Query() query: ImportQuery,
    @FromRequest() request: Omit<CommandRequest, 'occurredAt'>,
  ): Promise<ImportReport> {
    if (!Buffer.isBuffer(body)) {
      throw new UnsupportedMediaTypeException(
        `Send the file itself as the request body, with Content-Type ${IMPORT_MEDIA_TYPES.join(' or ')}`,
      );
    }
    return this.importer.import(
      { name: query.fileName ?? 'upload', bytes: body },
      { by: request.actor, dryRun: query.dryRun === 'true', skipInvalid: query.skipInvalid === 'true' },
    );
  }
}
