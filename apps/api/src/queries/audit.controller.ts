import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Can } from '@hmicfrs/auth';
import { AuditTrailQueries, instantOf, type AuditPage } from '@hmicfrs/projections';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly trail: AuditTrailQueries) {}

  /** Every event across items with who, role, when and why; by item, by user, by date (occurredAt). */
  @Get()
  @Can('history.read')
  @ApiOkResponse({ description: '{ entries, next }: pass `next` as `after` for the following page' })
  auditTrail(@Query() { item, user, from, to, limit = 100, after = 0 }: AuditQueryDto): AuditPage {
    return this.trail.auditTrail(
      {
        item,
        user,
        from: from === undefined ? undefined : instantOf('from', from, 'start'),
        to: to === undefined ? undefined : instantOf('to', to, 'end'),
      },
      { limit, after },
    );
  }
}
