import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Can } from '@hmicfrs/auth';
import type { InspectionActivity } from '@hmicfrs/lifecycle';
import { InspectionActivityLog, type CommandRequest } from '@hmicfrs/workflow';
import { FromRequest } from './command-request.decorator';
import { NoteDebriefDto, RecordActivityDto } from './dto/record-activity.dto';
import { ActivityIdParams } from './dto/activity-id.params';

/** HMICFRS's fieldwork in force, recorded by the liaison officer (the JAC paper's "inspection activity"). */
@ApiTags('inspection reports')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false })
@Controller('inspection-activity')
export class InspectionActivityController {
  constructor(private readonly log: InspectionActivityLog) {}

  @Post()
  @HttpCode(201)
  @Can('inspection.record')
  record(
    @Body() { occurredAt, revisits = [], ...activity }: RecordActivityDto,
    @FromRequest() request: CommandRequest,
  ): Promise<InspectionActivity> {
    return this.log.record({ type: 'RECORD_INSPECTION_ACTIVITY', ...activity, revisits }, { ...request, occurredAt });
  }

  @Post(':id/debrief')
  @HttpCode(200)
  @Can('inspection.record')
  debrief(
    @Param() { id }: ActivityIdParams,
    @Body() { occurredAt, notes }: NoteDebriefDto,
    @FromRequest() request: CommandRequest,
  ): Promise<InspectionActivity> {
    return this.log.noteDebrief(id, notes, { ...request, occurredAt });
  }
}
