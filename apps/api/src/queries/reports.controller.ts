import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can } from '@hmicfrs/auth';
import { ReadWorkers } from '@hmicfrs/export';
import { RegisterReports, type CountsReport, type OverdueReport, type RagReport } from '@hmicfrs/projections';
import { JacQueryDto, type JacFormat } from './dto/jac-query.dto';
import { OverdueQueryDto } from './dto/overdue-query.dto';
import { PastReportQueryDto } from './dto/past-report-query.dto';

const MEDIA_TYPES: Record<JacFormat, string> = {
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Reports on the register: now, or as at a date and as known at a date. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: RegisterReports,
    private readonly reads: ReadWorkers,
  ) {}

  /** Items per kind × level × status. */
  @Get('counts')
  @Can('reports.read')
  counts(@Query() past: PastReportQueryDto): Promise<CountsReport> {
    return this.reports.counts(past);
  }

  /** RAG ratings of the items in progress. */
  @Get('rag')
  @Can('reports.read')
  rag(@Query() past: PastReportQueryDto): Promise<RagReport> {
    return this.reports.rag(past);
  }

  /** Items in progress past their due date, and those due within `dueWithinDays`. */
  @Get('overdue')
  @Can('reports.read')
  overdue(@Query() { dueWithinDays = 30, ...past }: OverdueQueryDto): Promise<OverdueReport> {
    return this.reports.overdue(past, dueWithinDays);
  }

  /** The Joint Audit Committee's paper, computed from events as they stood at `asAt`, as known at `knownAt`; drawn up off the request thread. */
  @Get('jac')
  @Can('reports.read')
  @ApiProduces(...Object.values(MEDIA_TYPES))
  @ApiOkResponse({
    description: 'The report as JSON, Markdown, HTML, CSV, or the Word paper (docx: names from the people directory, UK dates)',
  })
  async jacReport(
    @Query() { format = 'json', ...request }: JacQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer> {
    const { file } = await this.reads.jacFile(request, format);
    void reply.header('content-type', MEDIA_TYPES[format]);
    if (format === 'csv' || format === 'docx')
      void reply.header('content-disposition', `attachment; filename="jac-report-${request.asAt.slice(0, 10)}.${format}"`);
    return file;
  }
}
