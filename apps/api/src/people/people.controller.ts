import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Can, isRole } from '@hmicfrs/auth';
import type { Person } from '@hmicfrs/lifecycle';
import { PeopleQueries, type DirectoryEntry } from '@hmicfrs/projections';
import { PeopleDirectory, type CommandRequest } from '@hmicfrs/workflow';
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
  ) {}

  @Post()
  @HttpCode(201)
  @Can('people.add')
  add(@Body() body: PersonDto, @FromRequest() request: CommandRequest): Promise<Person> {
    return this.directory.add({ ...body, email: body.email ?? null, portfolio: body.portfolio ?? null }, request);
  }

  /** Everyone in the directory by name (from the read model: a person just added shows once it has caught up). */
  @Get()
  @Can('people.read')
  @ApiQuery({ name: 'role', required: false })
  list(@Query('role') role?: unknown): { people: DirectoryEntry[] } {
    return { people: this.queries.people(isRole(role) ? { role } : {}) };
  }
}
