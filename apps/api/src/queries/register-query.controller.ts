import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Can } from '@hmicfrs/auth';
import { CLOCK, todayOf, type Clock } from '@hmicfrs/clock';
import { RegisterQueries, type RegisterList, type RegisterSort } from '@hmicfrs/projections';
import { RegisterQueryDto } from './dto/register-query.dto';

@ApiTags('register')
@ApiBearerAuth()
@Controller('recommendations')
export class RegisterQueryController {
  constructor(
    private readonly register: RegisterQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The register: every item's current state, filtered, sorted and paged. Everyone who may read items sees all of them. */
  @Get()
  @Can('recommendation.read')
  @ApiOkResponse({ description: '{ items, total, limit, offset }; overdue and due soon are against today' })
  list(@Query() { q, sort = q ? 'relevance' : 'reference', limit = 50, offset = 0, ...filter }: RegisterQueryDto): RegisterList {
    const descending = sort.startsWith('-');
    const today = todayOf(this.clock);
    return this.register.list(
      { ...filter, ...(q === undefined ? {} : { search: q }) },
      { sort: sort.replace(/^-/, '') as RegisterSort, descending, limit, offset },
      today,
    );
  }
}
