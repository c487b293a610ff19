import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

/** "As at" a date (when things happened), "as known at" a date (when the system learned of them). */
export class PastViewQuery {
  @ApiPropertyOptional({ example: '2024-06-27', description: 'Show the item as it stood at this date (occurredAt)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asAt must be an ISO-8601 date or date-time' })
  asAt?: string;

  @ApiPropertyOptional({ example: '2024-06-27T18:00:00Z', description: 'Use only what had been recorded by then (recordedAt)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'knownAt must be an ISO-8601 date or date-time' })
  knownAt?: string;
}
