import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Can } from '@hmicfrs/auth';
import { ApprovalQueueQueries, type ApprovalQueuePage } from '@hmicfrs/projections';
import { PageQueryDto } from './dto/page-query.dto';

@ApiTags('approvals')
@ApiBearerAuth()
@Controller('approvals')
export class ApprovalsController {
  constructor(private readonly queue: ApprovalQueueQueries) {}

  /** The DCC's queue: submissions for closure awaiting approval, oldest first, with who submitted and the evidence. */
  @Get()
  @Can('approvals.read')
  @ApiOkResponse({ description: '{ items, total, limit, offset }' })
  approvalQueue(@Query() { limit = 50, offset = 0 }: PageQueryDto): ApprovalQueuePage {
    return this.queue.approvalQueue({ limit, offset });
  }
}
