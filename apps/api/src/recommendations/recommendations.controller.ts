import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Can } from '@hmicfrs/auth';
import { personId } from '@hmicfrs/lifecycle';
import { instantOf } from '@hmicfrs/projections';
import {
  ItemHistoryReader,
  RecommendationWorkflow,
  type CommandRequest,
  type ItemHistory,
  type ItemOutcome,
  type ItemView,
} from '@hmicfrs/workflow';
import { FromRequest } from './command-request.decorator';
import { OpenRecommendationDto } from './dto/open-recommendation.dto';
import { PastViewQuery } from './dto/past-view.query';
import { ItemIdParams } from './dto/item-id.params';

@ApiTags('recommendations')
@ApiBearerAuth()
@Controller('recommendations')
export class RecommendationsController {
  constructor(
    private readonly workflow: RecommendationWorkflow,
    private readonly histories: ItemHistoryReader,
  ) {}

  @Post()
  @HttpCode(201)
  @Can('recommendation.open')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  open(
    @Body() { occurredAt, reference, owner, dueWithinMonths, ...item }: OpenRecommendationDto,
    @FromRequest() request: CommandRequest,
  ): Promise<ItemOutcome> {
    // The owner's id normalised where it enters, as assign's is: the event names the directory's id.
    const command = {
      type: 'OPEN_RECOMMENDATION' as const,
      id: reference,
      reference,
      ...item,
      ...(owner ? { owner: personId(owner) } : {}),
      ...(dueWithinMonths === undefined ? {} : { dueWithin: { months: dueWithinMonths, of: 'publication' as const } }),
    };
    return this.workflow.open(command, { ...request, occurredAt });
  }

  /** The item now, with what the caller may do; or as at a past date, as known at a past date. */
  @Get(':id')
  @Can('recommendation.read')
  item(@Param() { id }: ItemIdParams, @Query() past: PastViewQuery, @FromRequest() { actor }: CommandRequest): Promise<ItemView> {
    return this.workflow.item(id, actor, {
      asAt: past.asAt === undefined ? undefined : new Date(instantOf('asAt', past.asAt, 'end')),
      knownAt: past.knownAt === undefined ? undefined : new Date(instantOf('knownAt', past.knownAt, 'end')),
    });
  }

  /** Every event with who, role, when, why, and the state before and after; and whether the chain holds. */
  @Get(':id/history')
  @Can('history.read')
  history(@Param() { id }: ItemIdParams): Promise<ItemHistory> {
    return this.histories.history(id);
  }
}
