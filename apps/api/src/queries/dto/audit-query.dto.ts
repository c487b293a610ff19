import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { ToInteger } from '@hmicfrs/export';

const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

/** GET /audit: the trail across items, by item, user and date (occurredAt), paged by `after`. */
export class AuditQueryDto {
  @ApiPropertyOptional({ example: '9159', description: "An item's id" })
  @IsOptional()
  @Matches(IDENTIFIER, { message: "item must be an item's id" })
  item?: string;

  @ApiPropertyOptional({ example: 'dcc-green', description: 'Who acted' })
  @IsOptional()
  @Matches(IDENTIFIER, { message: 'user must be a user id' })
  user?: string;

  @ApiPropertyOptional({ example: '2024-01-01', description: 'From this date (its start) or instant' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be a date (YYYY-MM-DD) or a date-time with its zone' })
  from?: string;

  @ApiPropertyOptional({ example: '2024-06-30', description: 'To this date (its end) or instant' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be a date (YYYY-MM-DD) or a date-time with its zone' })
  to?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @ToInteger()
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be from 1 to 1000' })
  @Max(1000, { message: 'limit must be from 1 to 1000' })
  limit?: number;

  @ApiPropertyOptional({ default: 0, description: "The previous page's `next`" })
  @IsOptional()
  @ToInteger()
  @IsInt({ message: 'after must be a whole number' })
  @Min(0, { message: 'after must be 0 or more' })
  after?: number;
}
