import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

/** A report as at a date (occurredAt) and as known at a date (recordedAt); neither: the register now. */
export class PastReportQueryDto {
  @ApiPropertyOptional({ example: '2024-06-27', description: 'As the register stood at the end of this date, or at this instant' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asAt must be a date (YYYY-MM-DD) or a date-time with its zone' })
  asAt?: string;

  @ApiPropertyOptional({ example: '2024-06-27T18:00:00Z', description: 'Only what had been recorded by then' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'knownAt must be a date (YYYY-MM-DD) or a date-time with its zone' })
  knownAt?: string;
}
