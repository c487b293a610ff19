import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { RegisterFilterQuery } from '@hmicfrs/export';
import { REGISTER_SORTS, type RegisterSort } from '@hmicfrs/projections';
import { PageQueryDto } from './page-query.dto';

const SORTS = REGISTER_SORTS.flatMap((sort) => [sort, `-${sort}`]);

/** GET /recommendations: the register's filters (shared with its export and the CLI's), sort and page. */
export class RegisterQueryDto extends IntersectionType(PageQueryDto, RegisterFilterQuery) {
  @ApiPropertyOptional({ enum: SORTS, default: 'reference', description: 'A leading - sorts descending' })
  @IsOptional()
  @IsIn(SORTS, { message: `sort must be one of ${SORTS.join(', ')}` })
  sort?: RegisterSort | `-${RegisterSort}`;
}
