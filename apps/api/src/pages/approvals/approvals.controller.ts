import { BadRequestException, Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can, WebPage, permits } from '@hmicfrs/auth';
import { ApprovalQueueQueries } from '@hmicfrs/projections';
import { PageRenderer, type PageRequest } from '../page-renderer';

const PAGE_SIZE = 25;

/** The DCC's queue: submissions for closure, oldest first, each with its evidence and who submitted it. */
@ApiExcludeController()
@WebPage()
@Controller('approvals')
export class ApprovalsController {
  constructor(
    private readonly queue: ApprovalQueueQueries,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Can('approvals.read')
  async list(@Req() request: PageRequest, @Res() reply: FastifyReply, @Query('page') pageText?: string): Promise<void> {
    if (pageText !== undefined && !/^[1-9]\d{0,6}$/.test(pageText))
      throw new BadRequestException(`There is no page "${pageText}" of the queue`);
    const page = pageText === undefined ? 1 : Number(pageText);
    const queue = this.queue.approvalQueue({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(queue.total / PAGE_SIZE));
    await this.pages.render(request, reply, 'approvals.njk', {
      title: 'Approvals',
      queue,
      // The queue is open to the liaison officer and auditors too; only the DCC's role gets the buttons.
      canDecide: permits(request.actor!, 'recommendation.approve').allowed,
      canOpen: permits(request.actor!, 'evidence.read').allowed,
      previous: page > 1 ? `/app/approvals?page=${page - 1}` : undefined,
      next: page < pages ? `/app/approvals?page=${page + 1}` : undefined,
    });
  }
}
