import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

/** What every command body may carry besides the command: when it happened in the world. */
export class CommandBody {
  @ApiPropertyOptional({
    description: "When it happened in the world (ISO-8601). Defaults to now; never in the future, never before the item's previous event.",
    example: '2024-06-25T10:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'occurredAt must be an ISO-8601 date-time, e.g. 2024-06-25T10:00:00Z' })
  occurredAt?: string;
}
