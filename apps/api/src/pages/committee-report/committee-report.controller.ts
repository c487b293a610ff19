import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can, WebPage } from '@hmicfrs/auth';
import { CLOCK, todayOf, type Clock } from '@hmicfrs/clock';
import { ReadWorkers } from '@hmicfrs/export';
import { InvalidReportParameter, JacReportService, jacDocx, type JacReport } from '@hmicfrs/projections';
import { CommandRefused } from '@hmicfrs/workflow';
import { paperId } from '@hmicfrs/lifecycle';
import { CommitteePapers } from '../../papers/committee-papers';
import { PaperIdParams } from '../../papers/paper-id.params';
import { errorsForPage, type FormBody } from '../forms/form';
import { PAGES } from '../web-pages';
import { PageRenderer, type PageRequest } from '../page-renderer';
import { KIND } from '../words';
import { barChart } from './bar-chart';
import { readReportForm, type ReportForm } from './report-request';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The Joint Audit Committee's HMICFRS update for chosen dates: the papers' tables, two charts, and the
 * same report to download as CSV or Markdown. The report is the projections' own; the page only draws it.
 */
@ApiExcludeController()
@WebPage()
@Controller('committee-report')
export class CommitteeReportController {
  constructor(
    private readonly reports: JacReportService,
    private readonly reads: ReadWorkers,
    private readonly pages: PageRenderer,
    private readonly papers: CommitteePapers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** "Issue the paper": the liaison officer sends the paper for the dates shown, drawn from the record as it stands. */
  @Post('issue')
  @HttpCode(303)
  @Can('paper.issue')
  async issue(@Body() body: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = readReportForm(body, this.today());
    if (form.errors.length) throw new BadRequestException(form.errors.map((error) => error.text).join('; '));
    const { asAt, previous, since } = form.request;
    try {
      await this.papers.issue({ asAt, previous, since }, { actor: request.actor! });
    } catch (error) {
      if (error instanceof InvalidReportParameter) throw new BadRequestException(error.message);
      // Issued already: its page shows it, and what has changed since.
      if (!(error instanceof CommandRefused && error.refusal.code === 'already_exists')) throw error;
    }
    await this.pages.redirect(reply, `${PAGES}/committee-report/papers/${encodeURIComponent(paperId(asAt))}`);
  }

  /** An issued paper: what it was drawn from, and each figure since changed. */
  @Get('papers/:id')
  @Can('reports.read')
  async issued(@Param() { id }: PaperIdParams, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const comparison = await this.papers.comparison(id);
    await this.pages.render(request, reply, 'committee-paper.njk', { title: 'Issued paper', paper: comparison.paper, comparison }, 200);
  }

  @Get('papers/:id/paper.docx')
  @Can('reports.read')
  async issuedDocument(@Param() { id }: PaperIdParams, @Res() reply: FastifyReply): Promise<void> {
    const { paper, document } = await this.papers.document(id);
    await reply
      .header('content-type', DOCX)
      .header('content-disposition', `attachment; filename="${paper.id}.docx"`)
      .header('cache-control', 'no-store')
      .send(document);
  }

  @Get()
  @Can('reports.read')
  async page(@Query() query: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = readReportForm(query, this.today());
    const report = form.errors.length ? undefined : await this.report(form);
    const errors = form.errors.length
      ? form.errors
      : report instanceof InvalidReportParameter
        ? [{ field: `${report.parameter}-day`, text: report.message }]
        : [];
    const shown = report instanceof InvalidReportParameter ? undefined : report;
    await this.pages.render(
      request,
      reply,
      'committee-report.njk',
      {
        title: 'Committee report',
        parts: form.parts,
        request: form.request,
        report: shown,
        whyEmpty: shown && this.reports.whyEmpty(shown),
        charts: shown && charts(shown),
        downloads: new URLSearchParams({ ...form.request }).toString(),
        ...errorsForPage(errors),
      },
      errors.length ? 422 : 200,
    );
  }

  @Get('report.csv')
  @Can('reports.read')
  csv(@Query() query: FormBody, @Res() reply: FastifyReply): Promise<void> {
    return this.download(query, reply, 'csv', 'text/csv; charset=utf-8', 'csv');
  }

  @Get('report.md')
  @Can('reports.read')
  markdown(@Query() query: FormBody, @Res() reply: FastifyReply): Promise<void> {
    return this.download(query, reply, 'md', 'text/markdown; charset=utf-8', 'md');
  }

  /** The paper itself, as the committee is sent it: names, not ids; the liaison officer who draws it up as its contact. */
  @Get('report.docx')
  @Can('reports.read')
  word(@Query() query: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const actor = request.actor;
    const contact =
      actor?.role === 'liaison' ? { name: this.pages.nameOf(actor.userId), title: 'HMICFRS Force Liaison Officer' } : undefined;
    return this.download(query, reply, 'docx', DOCX, (report) =>
      jacDocx(report, { nameOf: (userId) => this.pages.nameOf(userId), ...(contact ? { contact } : {}) }),
    );
  }

  private async download(
    query: FormBody,
    reply: FastifyReply,
    extension: string,
    type: string,
    // A file the read workers draw up, or the Word paper drawn here from their report (with the pages' names).
    format: 'csv' | 'md' | ((report: JacReport) => Promise<Buffer>),
  ): Promise<void> {
    const form = readReportForm(query, this.today());
    if (form.errors.length) throw new BadRequestException(form.errors.map((error) => error.text).join('; '));
    const file = await this.refusedOr(() =>
      typeof format === 'string'
        ? this.reads.jacFile(form.request, format).then(({ file }) => file)
        : this.reads.jacReport(form.request).then(format),
    );
    if (file instanceof InvalidReportParameter) throw new BadRequestException(file.message);
    await reply
      .header('content-type', type)
      .header('content-disposition', `attachment; filename="jac-hmicfrs-update-${form.request.asAt}.${extension}"`)
      .header('cache-control', 'no-store')
      .send(file);
  }

  /** The report, or the projections' refusal of its dates (shown on the form, not as an error page). */
  private report(form: ReportForm): Promise<JacReport | InvalidReportParameter> {
    return this.refusedOr(() => this.reads.jacReport(form.request));
  }

  private async refusedOr<T>(draw: () => Promise<T>): Promise<T | InvalidReportParameter> {
    try {
      return await draw();
    } catch (error) {
      if (error instanceof InvalidReportParameter) return error;
      throw error;
    }
  }

  private today(): string {
    return todayOf(this.clock);
  }
}

function charts(report: JacReport) {
  return {
    rag: barChart('rag-chart', 'RAG ratings of the items in progress', [
      { label: 'Red', value: report.rag.red, className: 'app-chart__red' },
      { label: 'Amber', value: report.rag.amber, className: 'app-chart__amber' },
      { label: 'Green', value: report.rag.green, className: 'app-chart__green' },
      { label: 'Not yet rated', value: report.rag.unrated, className: 'app-chart__none' },
    ]),
    submissions: barChart(
      'submissions-chart',
      'Submissions for closure by type and level',
      report.submissions.rows.map((row) => ({ label: `${KIND[row.kind]}, level ${row.level}`, value: row.count })),
    ),
  };
}
