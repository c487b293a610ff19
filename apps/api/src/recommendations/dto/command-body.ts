import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, ValidateBy } from 'class-validator';
import { OCCURRED_AT_FORM, isDayOrZonedDateTime } from '@hmicfrs/workflow';

/** What every command body may carry besides the command: when it happened in the world. */
export class CommandBody {
  @ApiPropertyOptional({
    description: "When it happened in the world (ISO-8601). Defaults to now; never in the future, never before the item's previous event.",
    example: '2024-06-25T10:00:00Z',
  })
  @IsOptional()
  // Beside IsISO8601: a date-time that is well formed but has no zone is told just that.
  @ValidateBy({
    name: 'dayOrZoned',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isDayOrZonedDateTime(value),
      defaultMessage: () => `occurredAt must be ${OCCURRED_AT_FORM}; without a zone it would be read in the server's own`,
    },
  })
  @IsISO8601({ strict: true }, { message: 'occurredAt must be an ISO-8601 date-time, e.g. 2024-06-25T10:00:00Z' })
  occurredAt?: string;
}
