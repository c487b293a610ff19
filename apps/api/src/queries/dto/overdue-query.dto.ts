import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ToInteger } from '@hmicfrs/export';
import { PastReportQueryDto } from './past-report-query.dto';

export class OverdueQueryDto extends PastReportQueryDto {
  @ApiPropertyOptional({ default: 30, description: 'Also list the items due within this many days' })
  @IsOptional()
  @ToInteger()
  @IsInt({ message: 'dueWithinDays must be a whole number of days' })
  @Min(0, { message: 'dueWithinDays must be 0 or more' })
  @Max(3650, { message: 'dueWithinDays must be at most 3650' })
  dueWithinDays?: number;
}
