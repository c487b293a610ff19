import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Can } from '@hmicfrs/auth';
import type { LifecycleCommand } from '@hmicfrs/lifecycle';
import { RecommendationWorkflow, type CommandRequest, type ItemOutcome } from '@hmicfrs/workflow';
import { FromRequest } from './command-request.decorator';
import { CommandBody } from './dto/command-body';
import { ItemIdParams } from './dto/item-id.params';
import {
  AssignDto,
  DueDateDto,
  EvidenceDto,
  LevelDto,
  LinkDto,
  NoteDto,
  NotApplicableDto,
  RateDto,
  ReasonDto,
} from './dto/lifecycle-commands.dto';
import { IsIdentifier } from './dto/fields';

class EvidenceParams extends ItemIdParams {
  @IsIdentifier()
  evidenceId!: string;
}

/**
 * One route per lifecycle command. Each only translates HTTP into a command: the policy table says who
 * may send it, the machine says whether the item takes it now.
 */
@ApiTags('lifecycle commands')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key returns the first answer and writes nothing' })
@ApiHeader({ name: 'If-Match', required: false, description: 'The revision you last saw; refused with 409 if the item has moved on' })
@Controller('recommendations/:id')
export class RecommendationCommandsController {
  constructor(private readonly workflow: RecommendationWorkflow) {}

  @Post('rate')
  @HttpCode(200)
  @Can('recommendation.rate')
  rate(@Param() { id }: ItemIdParams, @Body() { occurredAt, rag }: RateDto, @FromRequest() request: CommandRequest) {
    return this.run(id, { type: 'RATE', rag }, request, occurredAt);
  }

  @Post('note')
  @HttpCode(200)
  @Can('recommendation.note')
  note(@Param() { id }: ItemIdParams, @Body() { occurredAt, text }: NoteDto, @FromRequest() request: CommandRequest) {
    return this.run(id, { type: 'NOTE_PROGRESS', text }, request, occurredAt);
  }

  @Post('evidence')
  @HttpCode(200)
  @Can('recommendation.evidence')
  attachEvidence(@Param() { id }: ItemIdParams, @Body() body: EvidenceDto, @FromRequest() request: CommandRequest) {
    const { occurredAt, evidenceId, title, sha256, isChiefConstableLetter } = body;
    const command = { type: 'ATTACH_EVIDENCE', evidenceId, title, sha256, isChiefConstableLetter: isChiefConstableLetter ?? false } as const;
    return this.run(id, command, request, occurredAt);
  }

  @Delete('evidence/:evidenceId')
  @HttpCode(200)
  @Can('recommendation.evidence')
  removeEvidence(@Param() { id, evidenceId }: EvidenceParams, @FromRequest() request: CommandRequest) {
    return this.run(id, { type: 'REMOVE_EVIDENCE', evidenceId }, request, undefined);
  }

  @Post('assign')
  @HttpCode(200)
  @Can('recommendation.assign')
  assign(@Param() { id }: ItemIdParams, @Body() { occurredAt, owner }: AssignDto, @FromRequest() request: CommandRequest) {
    return this.run(id, { type: 'ASSIGN_OWNER', owner }, request, occurredAt);
  }

  @Post('due-date')
  @HttpCode(200)
  @Can('recommendation.due-date')
  dueDate(@Param() { id }: ItemIdParams, @Body() { occurredAt, dueDate, reason }: DueDateDto, @FromRequest() request: CommandRequest) {
    return this.run(id, { type: 'CHANGE_DUE_DATE', dueDate, reason }, request, occurredAt);
  }

  @Post('submit')
  @HttpCode(200)
  @Can('recommendation.submit')
  submit(@Param() { id }: ItemIdParams, @Body() { occurredAt }: CommandBody, @FromRequest() request: CommandRequest) {
    return this.run(id, { type: 'SUBMIT' }, request, occurredAt);
  }

  @Post('withdraw')
  @HttpCode(200)
  @Can('recommendation.withdraw')
  withdraw(@Param() { id }: ItemIdParams, @Body() { occurredAt }: CommandBody, @FromRequest() request: CommandRequest) {
    return this.run(id, { type: 'WITHDRAW' }, request, occurredAt);
  }

  @Post('approve')
  @HttpCode(200)
  @Can('recommendation.approve')
  approve(@Param() { id }: ItemIdParams, @Body() { occurredAt }: CommandBody, @FromRequest() request: CommandRequest) {
    return this.run(id, { type: 'APPROVE' }, request, occurredAt);
  }

  @Post('return')
  @HttpCode(200)
  @Can('recommendation.return')
  return(@Param() { id }: ItemIdParams, @Body() { occurredAt, reason }: ReasonDto, @FromRequest() request: CommandRequest) {
    return this.run(id, { type: 'RETURN', reason }, request, occurredAt);
  }

  @Post('verify')
  @HttpCode(200)
  @Can('recommendation.verify')
  verify(@Param() { id }: ItemIdParams, @Body() { occurredAt }: CommandBody, @FromRequest() request: CommandRequest) {
    return this.run(id, { type: 'VERIFY' }, request, occurredAt);
  }

  @Post('reject')
  @HttpCode(200)
  @Can('recommendation.reject')
  reject(@Param() { id }: ItemIdParams, @Body() { occurredAt, reason }: ReasonDto, @FromRequest() request: CommandRequest) {
    return this.run(id, { type: 'REJECT', reason }, request, occurredAt);
  }

  @Post('level')
  @HttpCode(200)
  @Can('recommendation.level')
  level(@Param() { id }: ItemIdParams, @Body() { occurredAt, level, reason }: LevelDto, @FromRequest() request: CommandRequest) {
    return this.run(id, { type: 'CHANGE_LEVEL', level, reason }, request, occurredAt);
  }

  @Post('archive')
  @HttpCode(200)
  @Can('recommendation.archive')
  archive(@Param() { id }: ItemIdParams, @Body() { occurredAt }: CommandBody, @FromRequest() request: CommandRequest) {
    return this.run(id, { type: 'CLOSE_AND_ARCHIVE' }, request, occurredAt);
  }

  @Post('reopen')
  @HttpCode(200)
  @Can('recommendation.reopen')
  reopen(@Param() { id }: ItemIdParams, @Body() { occurredAt, reason }: ReasonDto, @FromRequest() request: CommandRequest) {
    return this.run(id, { type: 'REOPEN', reason }, request, occurredAt);
  }

  @Post('not-applicable')
  @HttpCode(200)
  @Can('recommendation.not-applicable')
  notApplicable(@Param() { id }: ItemIdParams, @Body() { occurredAt, reason, addressedTo }: NotApplicableDto, @FromRequest() request: CommandRequest) {
    return this.run(id, { type: 'MARK_NOT_APPLICABLE', reason, addressedTo }, request, occurredAt);
  }

  @Post('link')
  @HttpCode(200)
  @Can('recommendation.link')
  link(@Param() { id }: ItemIdParams, @Body() { occurredAt, otherId, relation }: LinkDto, @FromRequest() request: CommandRequest) {
    return this.run(id, { type: 'LINK', otherId, relation }, request, occurredAt);
  }

  private run(id: string, command: LifecycleCommand, request: CommandRequest, occurredAt: string | undefined): Promise<ItemOutcome> {
    return this.workflow.execute(id, command, { ...request, occurredAt });
  }
}
