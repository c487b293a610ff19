import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Can } from '@hmicfrs/auth';
import type { InspectionReport } from '@hmicfrs/lifecycle';
import { RecommendationWorkflow, type CommandRequest } from '@hmicfrs/workflow';
import { FromRequest } from './command-request.decorator';
import { RecordInspectionDto } from './dto/record-inspection.dto';

@ApiTags('inspection reports')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false })
@Controller('inspections')
export class InspectionsController {
  constructor(private readonly workflow: RecommendationWorkflow) {}

  @Post()
  @HttpCode(201)
  @Can('inspection.record')
  record(@Body() { occurredAt, ...report }: RecordInspectionDto, @FromRequest() request: CommandRequest): Promise<InspectionReport> {
    return this.workflow.recordInspectionReport({ type: 'RECORD_INSPECTION_REPORT', ...report }, { ...request, occurredAt });
  }
}
