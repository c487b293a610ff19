import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { REGISTER_SORTS, type RegisterSort } from '@hmicfrs/projections';
import type { ItemKind, Level, Rag, Status } from '@hmicfrs/lifecycle';
import { PageQueryDto } from './page-query.dto';
import { ToBoolean, ToInteger, ToList } from './query-values';

const STATUSES: Status[] = ['open', 'rag_rated', 'submitted', 'self_certified', 'awaiting_hmicfrs', 'hmicfrs_verified', 'archived', 'not_applicable'];
const KINDS: ItemKind[] = ['recommendation', 'cause_of_concern', 'area_for_improvement'];
const RAGS: (Rag | 'unrated')[] = ['red', 'amber', 'green', 'unrated'];
const SORTS = REGISTER_SORTS.flatMap((sort) => [sort, `-${sort}`]);
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

/** GET /recommendations: the register's filters, sort and page. */
export class RegisterQueryDto extends PageQueryDto {
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
  @ToInteger()
  @IsInt({ message: 'dueWithinDays must be a whole number of days' })
  @Min(0, { message: 'dueWithinDays must be 0 or more' })
  @Max(3650, { message: 'dueWithinDays must be at most 3650' })
  dueWithinDays?: number;

  @ApiPropertyOptional({ enum: SORTS, default: 'reference', description: 'A leading - sorts descending' })
  @IsOptional()
  @IsIn(SORTS, { message: `sort must be one of ${SORTS.join(', ')}` })
  sort?: RegisterSort | `-${RegisterSort}`;
}
