import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can, ROLES, WebPage, permits } from '@hmicfrs/auth';
import {
  FileTooLarge,
  ImportTooLarge,
  NotAPeopleFile,
  PeopleImporter,
  PeopleImportRejected,
  peopleTemplateCsv,
  type PeopleImportReport,
} from '@hmicfrs/import';
import { PeopleQueries } from '@hmicfrs/projections';
import { CommandRefused, IdempotencyKeyReused, PeopleDirectory, Sessions } from '@hmicfrs/workflow';
import { SENT_WITH_OTHER_DETAILS, errorsForPage, submissionKey, text, type FieldError, type FormBody } from '../forms/form';
import { HELD_FOR_MINUTES, HeldFiles } from '../held-files';
import { PageRenderer, type PageRequest } from '../page-renderer';
import { PAGES } from '../web-pages';
import { ROLE } from '../words';
import { readPerson } from './person-form';

/**
 * The directory of people (docs/architecture.md, "People") as the liaison officer keeps it: everyone
 * may see who is in it; the liaison officer adds people, one on a form or many from a CSV file, through
 * the same PeopleDirectory (and PeopleImporter) as `POST /people` and `POST /people/import`. A file sent is
 * kept a while under its hash, as the register import's is (HeldFiles), so the import after a check takes
 * the same bytes without the file chosen again.
 */
@ApiExcludeController()
@WebPage()
@Controller('people')
export class PeoplePageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly directory: PeopleDirectory,
    private readonly people: PeopleQueries,
    private readonly sessions: Sessions,
    private readonly importer: PeopleImporter,
    private readonly held: HeldFiles,
  ) {}

  @Get()
  @Can('people.read')
  async list(
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Query('added') added?: string,
    @Query('ended') ended?: string,
    @Query('count') count?: string,
  ): Promise<void> {
    // The person just added, from their stream: the list is a read model and may not have caught up yet.
    const just = typeof added === 'string' && added !== '' ? await this.directory.person(added) : undefined;
    await this.showList(request, reply, {
      added: just,
      ended: typeof ended === 'string' && ended !== '' ? { id: ended, count: Number(count) || 0 } : undefined,
    });
  }

  /** The header row of a people file: a list laid out like it imports as it is. */
  @Get('template.csv')
  @Can('people.add')
  async template(@Res() reply: FastifyReply): Promise<void> {
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="people-template.csv"')
      .send(peopleTemplateCsv());
  }

  /** A CSV of people from the browser: checked only (`mode=check`), or imported whole or not at all. */
  @Post('import')
  @HttpCode(200)
  @Can('people.add')
  async import(@Body() body: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const mode = text(body, 'mode');
    const sent = await this.held.fromForm(body, 'people-file', 'No file was chosen: choose a CSV file of people');
    const errors: FieldError[] = 'error' in sent ? [sent.error] : [];
    if (mode !== 'check' && mode !== 'import') errors.push({ field: 'mode', text: 'Choose whether to check the file or import it' });
    if ('error' in sent || errors.length > 0) return this.showList(request, reply, { mode, ...errorsForPage(errors) }, 422);
    const { file } = sent;
    try {
      const report = await this.importer.import(file, { by: request.actor!, dryRun: mode === 'check' });
      // A file that passed its check is kept for the import that follows; one refused is to be corrected, not kept.
      if (report.dryRun) {
        const held = { sha256: await this.held.keep(file), name: file.name };
        return this.showList(request, reply, { mode: 'import', report, outcome: 'ready', held });
      }
      return this.showList(request, reply, { mode: 'check', report, outcome: 'imported' });
    } catch (error) {
      if (error instanceof PeopleImportRejected) {
        const count = error.report.problemCount;
        const problems = {
          field: 'people-problems',
          text: `Nobody was added: the file has ${count} problem${count === 1 ? '' : 's'}, listed below. Correct the file and send it again.`,
        };
        return this.showList(request, reply, { mode, report: error.report, outcome: 'refused', ...errorsForPage([problems]) }, 422);
      }
      if (error instanceof NotAPeopleFile || error instanceof FileTooLarge || error instanceof ImportTooLarge) {
        return this.showList(request, reply, { mode, ...errorsForPage([{ field: 'people-file', text: error.message }]) }, 422);
      }
      throw error;
    }
  }

  private showList(
    request: PageRequest,
    reply: FastifyReply,
    page: {
      report?: PeopleImportReport;
      outcome?: 'ready' | 'imported' | 'refused';
      mode?: string;
      /** The file kept since it was checked: the form offers to import it without choosing it again. */
      held?: { sha256: string; name: string };
    } & Record<string, unknown>,
    status = 200,
  ): Promise<void> {
    return this.pages.render(
      request,
      reply,
      'people.njk',
      {
        title: 'People',
        people: this.people.people(),
        roleNames: ROLE,
        canAdd: permits(request.actor!, 'people.add').allowed,
        canEndSessions: permits(request.actor!, 'sessions.end').allowed,
        heldForMinutes: HELD_FOR_MINUTES,
        mode: 'check',
        errors: [],
        fieldErrors: {},
        ...page,
      },
      status,
    );
  }

  /** The liaison officer ends every session of a person (a lost laptop, someone leaving): their next request signs them out, on every instance. */
  @Post(':id/sessions/end')
  @HttpCode(303)
  @Can('sessions.end')
  async endSessions(@Param('id') id: string, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const person = await this.directory.known(id, 'id');
    const ended = await this.sessions.endAll(person.id, { actor: request.actor! });
    await this.pages.redirect(reply, `${PAGES}/people?ended=${encodeURIComponent(person.id)}&count=${ended}`);
  }

  @Get('new')
  @Can('people.add')
  form(@Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.show(request, reply, {}, [], 200);
  }

  @Post()
  @HttpCode(303)
  @Can('people.add')
  async add(@Body() body: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const read = readPerson(body);
    if ('errors' in read) return this.show(request, reply, body, read.errors, 422);
    try {
      const person = await this.directory.add(read.person, { actor: request.actor!, ...submissionKey(body) });
      await this.pages.redirect(reply, `${PAGES}/people?added=${encodeURIComponent(person.id)}`);
    } catch (error) {
      if (error instanceof IdempotencyKeyReused)
        return this.show(request, reply, body, [{ field: 'id', text: SENT_WITH_OTHER_DETAILS }], 422);
      if (!(error instanceof CommandRefused)) throw error;
      const { refusal } = error;
      const field = refusal.code === 'already_exists' ? 'id' : refusal.code === 'invalid' ? (refusal.field ?? 'name') : 'name';
      return this.show(request, reply, body, [{ field, text: refusal.message }], refusal.code === 'already_exists' ? 409 : 422);
    }
  }

  private show(request: PageRequest, reply: FastifyReply, body: FormBody, errors: FieldError[], status: number): Promise<void> {
    const chosen = new Set(Array.isArray(body?.roles) ? (body.roles as unknown[]) : [body?.roles]);
    return this.pages.render(
      request,
      reply,
      'person-new.njk',
      {
        title: 'Add a person',
        values: body ?? {},
        roles: ROLES.map((role) => ({ value: role, text: ROLE[role], checked: chosen.has(role) })),
        ...errorsForPage(errors),
      },
      status,
    );
  }
}
