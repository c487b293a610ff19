import { Body, Controller, Get, HttpCode, Post, Query, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Can, isRole } from '@hmicfrs/auth';
import { PeopleImporter, type PeopleImportReport, type RegisterFile } from '@hmicfrs/import';
import type { Person } from '@hmicfrs/lifecycle';
import { PeopleQueries, type DirectoryEntry } from '@hmicfrs/projections';
import { PeopleDirectory, type CommandRequest } from '@hmicfrs/workflow';
import { ImportQuery } from '../imports/import-query';
import { UPLOADED_FILE, type UploadedFile } from '../pages/uploads';
import { FromRequest } from '../recommendations/command-request.decorator';
import { PersonDto } from './person.dto';

/** The directory of people (docs/architecture.md, "People"): whom items can belong to. */
@ApiTags('people')
@ApiBearerAuth()
@Controller('people')
export class PeopleController {
  constructor(
    private readonly directory: PeopleDirectory,
    private readonly queries: PeopleQueries,
    private readonly importer: PeopleImporter,
  ) {}

  @Post()
  @HttpCode(201)
  @Can('people.add')
  add(@Body() body: PersonDto, @FromRequest() request: CommandRequest): Promise<Person> {
    return this.directory.add({ ...body, email: body.email ?? null, portfolio: body.portfolio ?? null }, request);
  }

  /**
   * A CSV of people (id,name,email,roles,portfolio; the README's "People"), as the request body
   * (text/csv) or a multipart form's one file. 422 lists every bad cell by row and column, and then
   * nobody was added; the same file again adds nobody.
   */
  @Post('import')
  @HttpCode(200)
  @Can('people.add')
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ description: 'Who was added (or, in a dry run, would be), and who was already in the directory' })
  import(@Body() body: unknown, @Query() query: ImportQuery, @FromRequest() request: CommandRequest): Promise<PeopleImportReport> {
    const file = fileOf(body, query.fileName);
    if (file === undefined) {
      throw new UnsupportedMediaTypeException(
        'Send the CSV file as the request body (Content-Type text/csv), or as the one file of a multipart form',
      );
    }
    return this.importer.import(file, { by: request.actor, dryRun: query.dryRun === 'true' });
  }

  /** Everyone in the directory by name (from the read model: a person just added shows once it has caught up). */
  @Get()
  @Can('people.read')
  @ApiQuery({ name: 'role', required: false })
  list(@Query('role') role?: unknown): { people: DirectoryEntry[] } {
    return { people: this.queries.people(isRole(role) ? { role } : {}) };
  }
}

/** The body itself (text/csv), or the one file of a multipart form, whatever its field is called. */
function fileOf(body: unknown, fileName: string | undefined): RegisterFile | undefined {
  if (Buffer.isBuffer(body)) return { name: fileName ?? 'upload', bytes: body };
  if (typeof body !== 'object' || body === null) return undefined;
  const file = Object.values(body).find(
    (value): value is UploadedFile => typeof value === 'object' && value !== null && UPLOADED_FILE in value,
  );
  return file === undefined ? undefined : { name: fileName ?? file.name, bytes: file.bytes };
}
