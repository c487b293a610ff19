import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { ItemKind, Level, Rag, Status } from '@hmicfrs/lifecycle';
import { IsDaysAhead, ToBoolean, ToInteger, ToList } from './query-values';

const STATUSES: Status[] = [
  'open',
  'rag_rated',
  'submitted',
  'self_certified',
  'awaiting_hmicfrs',
  'hmicfrs_verified',
  'archived',
  'not_applicable',
];
const KINDS: ItemKind[] = ['recommendation', 'cause_of_concern', 'area_for_improvement'];
const RAGS: (Rag | 'unrated')[] = ['red', 'amber', 'green', 'unrated'];
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

/**
 * The register's filters as a query string names them, read and checked in one place: GET /recommendations,
 * its export and `npm run cli -- export` refuse the same filters with the same words.
 */
export class RegisterFilterQuery {
  @ApiPropertyOptional({ description: 'Statuses, comma-separated', example: 'submitted,awaiting_hmicfrs' })
  @IsOptional()
  @ToList()
  @IsIn(STATUSES, { each: true, message: `status must be one or more of ${STATUSES.join(', ')}, comma-separated` })
  status?: Status[];

  @ApiPropertyOptional({ enum: KINDS })
  @IsOptional()
  @IsIn(KINDS, { message: `kind must be one of ${KINDS.join(', ')}` })
  kind?: ItemKind;

  @ApiPropertyOptional({ minimum: 1, maximum: 4 })
  @IsOptional()
  @ToInteger()
  @IsIn([1, 2, 3, 4], { message: 'level must be 1, 2, 3 or 4' })
  level?: Level;

  @ApiPropertyOptional({ enum: RAGS })
  @IsOptional()
  @IsIn(RAGS, { message: `rag must be one of ${RAGS.join(', ')}` })
  rag?: Rag | 'unrated';

  @ApiPropertyOptional({ example: 'supt-patel', description: "The owner's user id" })
  @IsOptional()
  @Matches(IDENTIFIER, { message: 'owner must be a user id' })
  owner?: string;

  @ApiPropertyOptional({ example: 'peel-2023', description: "The inspection report's id" })
  @IsOptional()
  @Matches(IDENTIFIER, { message: "report must be an inspection report's id" })
  report?: string;

  @ApiPropertyOptional({
    example: 'IOPC',
    description: 'Whom HMICFRS addressed the items to, as recorded: the force (e.g. Chief Constables) or another body',
  })
  @IsOptional()
  @IsString({ message: 'addressee must be text' })
  @MaxLength(200, { message: 'addressee must be at most 200 characters' })
  addressee?: string;

  @ApiPropertyOptional({ description: 'Closed (true) or not (false)' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean({ message: 'closed must be true or false' })
  closed?: boolean;

  @ApiPropertyOptional({ description: 'In progress and due before today (true), or not (false)' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'In progress and due from today to this many days ahead', example: 30 })
  @IsOptional()
  @IsDaysAhead()
  dueWithinDays?: number;
}
