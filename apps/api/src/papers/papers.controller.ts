import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can } from '@hmicfrs/auth';
import type { IssuedPaper } from '@hmicfrs/lifecycle';
import type { JacComparison } from '@hmicfrs/projections';
import type { CommandRequest } from '@hmicfrs/workflow';
import { FromRequest } from '../recommendations/command-request.decorator';
import { CommitteePapers } from './committee-papers';
import { IssuePaperDto } from './issue-paper.dto';
import { PaperIdParams } from './paper-id.params';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Issued committee papers: issued once, drawn up again byte for byte, compared with the record now. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('papers')
export class PapersController {
  constructor(private readonly papers: CommitteePapers) {}

  /** Issue the paper for a committee: drawn from the record as it stands now, and recorded as sent. */
  @Post()
  @HttpCode(201)
  @Can('paper.issue')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async issue(@Body() dates: IssuePaperDto, @FromRequest() request: CommandRequest): Promise<IssuedPaper> {
    return (await this.papers.issue(dates, request)).paper;
  }

  @Get(':id')
  @Can('reports.read')
  paper(@Param() { id }: PaperIdParams): Promise<IssuedPaper> {
    return this.papers.paper(id);
  }

  /** The issued paper drawn up again: the same bytes as issued (409 if the record no longer gives them). */
  @Get(':id/document')
  @Can('reports.read')
  @ApiProduces(DOCX)
  async document(@Param() { id }: PaperIdParams, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const { paper, document } = await this.papers.document(id);
    void reply.header('content-type', DOCX);
    void reply.header('content-disposition', `attachment; filename="${paper.id}.docx"`);
    return document;
  }

  /** What has changed since it was issued: each figure then and now, and the items recorded later. */
  @Get(':id/comparison')
  @Can('reports.read')
  comparison(@Param() { id }: PaperIdParams): Promise<JacComparison & { paper: IssuedPaper }> {
    return this.papers.comparison(id);
  }
}
