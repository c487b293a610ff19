import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsDaysAhead } from '@hmicfrs/export';
import { PastReportQueryDto } from './past-report-query.dto';

export class OverdueQueryDto extends PastReportQueryDto {
  @ApiPropertyOptional({ default: 30, description: 'Also list the items due within this many days' })
  @IsOptional()
  @IsDaysAhead()
  dueWithinDays?: number;
}
