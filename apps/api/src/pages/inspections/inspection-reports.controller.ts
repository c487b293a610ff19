import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can, WebPage, permits } from '@hmicfrs/auth';
import { EVENT_STORE, type EventStore } from '@hmicfrs/event-store';
import { inspectionStream, replayInspectionReport, sameReportAs, type InspectionReport } from '@hmicfrs/lifecycle';
import { CommandRefused, IdempotencyKeyReused, RecommendationWorkflow } from '@hmicfrs/workflow';
import { ItemIdParams } from '../../recommendations/dto/item-id.params';
import { SENT_WITH_OTHER_DETAILS, errorsForPage, submissionKey, text, type FieldError, type FormBody } from '../forms/form';
import { PeopleQueries } from '@hmicfrs/projections';
import { PageRenderer, type PageRequest } from '../page-renderer';
import { PAGES } from '../web-pages';
import { INSPECTION_TYPE, KIND } from '../words';
import { InspectionReportList } from './inspection-report-list';
import { CLOCK, type Clock } from '@hmicfrs/clock';
import { ukDay } from '../nunjucks-filters';
import { readInspectionReport, readNewItem } from './inspection-forms';

const TYPE_ITEMS = Object.entries(INSPECTION_TYPE).map(([value, label]) => ({ value, text: label }));
const KIND_ITEMS = Object.entries(KIND).map(([value, label]) => ({ value, text: label }));

const CONFIRM_SAME_REPORT = 'A report with this title and publication date is already recorded: tick the box if this is another one';

/** Inspection reports: the list, recording a new one, one report with its items, and adding an item to it. */
@ApiExcludeController()
@WebPage()
@Controller('inspection-reports')
export class InspectionReportsController {
  constructor(
    private readonly workflow: RecommendationWorkflow,
    private readonly pages: PageRenderer,
    private readonly reports: InspectionReportList,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly people: PeopleQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Can('recommendation.read')
  async list(@Req() request: PageRequest, @Res() reply: FastifyReply, @Query('done') done?: string): Promise<void> {
    await this.pages.render(request, reply, 'inspection-reports.njk', {
      title: 'Inspection reports',
      reports: await this.reports.all(),
      canRecord: permits(request.actor!, 'inspection.record').allowed,
      done,
    });
  }

  @Get('new')
  @Can('inspection.record')
  async newReport(@Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.showReportForm(request, reply, {}, [], 200);
  }

  @Post()
  @HttpCode(303)
  @Can('inspection.record')
  async record(@Body() body: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const read = readInspectionReport(body);
    if ('errors' in read) return this.showReportForm(request, reply, body, read.errors, 422);
    // The same report recorded twice would count its items twice: asked to confirm, never refused.
    const lookAlikes = sameReportAs(await this.reports.all(), read.command);
    if (lookAlikes.length > 0 && text(body, 'confirmSameReport') !== 'yes') {
      return this.showReportForm(request, reply, body, [{ field: 'confirmSameReport', text: CONFIRM_SAME_REPORT }], 422, lookAlikes);
    }
    try {
      await this.workflow.recordInspectionReport(read.command, { actor: request.actor!, ...submissionKey(body) });
    } catch (error) {
      if (error instanceof IdempotencyKeyReused)
        return this.showReportForm(request, reply, body, [{ field: 'id', text: SENT_WITH_OTHER_DETAILS }], 422);
      if (!(error instanceof CommandRefused)) throw error;
      const field = error.refusal.code === 'already_exists' ? 'id' : 'fieldworkFrom-day';
      return this.showReportForm(request, reply, body, [{ field, text: error.refusal.message }], 422);
    }
    await this.pages.redirect(reply, `${PAGES}/inspection-reports/${encodeURIComponent(read.command.id)}?done=recorded`);
  }

  @Get(':id')
  @Can('recommendation.read')
  async report(
    @Param() { id }: ItemIdParams,
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
    @Query('done') done?: string,
  ): Promise<void> {
    const report = await this.find(id);
    await this.pages.render(request, reply, 'inspection-report.njk', {
      title: report.title,
      report,
      items: this.reports.itemsOf(id),
      canAddItems: permits(request.actor!, 'recommendation.open').allowed,
      done,
    });
  }

  @Get(':id/items/new')
  @Can('recommendation.open')
  async newItem(@Param() { id }: ItemIdParams, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.showItemForm(request, reply, await this.find(id), {}, [], 200);
  }

  @Post(':id/items')
  @HttpCode(303)
  @Can('recommendation.open')
  async addItem(
    @Param() { id }: ItemIdParams,
    @Body() body: FormBody,
    @Req() request: PageRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const report = await this.find(id);
    const read = readNewItem(id, body, ukDay(this.clock()));
    if ('errors' in read) return this.showItemForm(request, reply, report, body, read.errors, 422);
    try {
      await this.workflow.open(read.command, { actor: request.actor!, ...submissionKey(body) });
    } catch (error) {
      if (error instanceof IdempotencyKeyReused) {
        return this.showItemForm(request, reply, report, body, [{ field: 'reference', text: SENT_WITH_OTHER_DETAILS }], 422);
      }
      if (!(error instanceof CommandRefused)) throw error;
      return this.showItemForm(
        request,
        reply,
        report,
        body,
        [{ field: 'reference', text: error.refusal.message }],
        error.refusal.code === 'already_exists' ? 409 : 422,
      );
    }
    await this.pages.redirect(reply, `${PAGES}/items/${encodeURIComponent(read.command.id)}?done=opened`);
  }

  private async find(id: string): Promise<InspectionReport> {
    const report = replayInspectionReport(await this.store.readStream(inspectionStream(id)));
    if (!report) throw new NotFoundException(`There is no inspection report ${id}`);
    return report;
  }

  private showReportForm(
    request: PageRequest,
    reply: FastifyReply,
    values: FormBody,
    errors: FieldError[],
    status: number,
    lookAlikes: InspectionReport[] = [],
  ) {
    return this.pages.render(
      request,
      reply,
      'inspection-report-new.njk',
      { title: 'Record an inspection report', values, types: TYPE_ITEMS, lookAlikes, ...errorsForPage(errors) },
      status,
    );
  }

  private showItemForm(
    request: PageRequest,
    reply: FastifyReply,
    report: InspectionReport,
    values: FormBody,
    errors: FieldError[],
    status: number,
  ) {
    return this.pages.render(
      request,
      reply,
      'item-new.njk',
      {
        title: `Add an item to ${report.title}`,
        report,
        values,
        kinds: KIND_ITEMS,
        // Owners are chosen from the directory of people, never typed.
        owners: this.people.people({ role: 'owner' }).map((person) => ({ value: person.id, text: person.name })),
        ...errorsForPage(errors),
      },
      status,
    );
  }
}
