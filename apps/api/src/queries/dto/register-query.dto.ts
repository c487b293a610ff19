import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { RegisterFilterQuery } from '@hmicfrs/export';
import { REGISTER_SORTS, type RegisterSort } from '@hmicfrs/projections';
import { PageQueryDto } from './page-query.dto';

/** A search is a few words: a longer text is a mistake or an attack on the index. */
export const SEARCH_MAX_LENGTH = 200;

const SORTS = REGISTER_SORTS.flatMap((sort) => [sort, `-${sort}`]);

/** GET /recommendations: the register's filters (shared with its export and the CLI's), sort and page. */
export class RegisterQueryDto extends IntersectionType(PageQueryDto, RegisterFilterQuery) {
  @ApiPropertyOptional({ enum: SORTS, default: 'reference', description: 'A leading - sorts descending' })
  @IsOptional()
  @IsIn(SORTS, { message: `sort must be one of ${SORTS.join(', ')}` })
  sort?: RegisterSort | `-${RegisterSort}`;

  @ApiPropertyOptional({
    example: 'vetting',
    maxLength: SEARCH_MAX_LENGTH,
    description:
      "Words to search for in the reference, wording, inspection report title, owner's name and progress notes: each a prefix, all must match. " +
      'With sort=relevance (the default when q is given) the best match comes first; each item then carries `match`, its text in pieces with the matched words marked.',
  })
  @IsOptional()
  @IsString({ message: 'q must be text' })
  @MaxLength(SEARCH_MAX_LENGTH, { message: `q must be at most ${SEARCH_MAX_LENGTH} characters` })
  q?: string;
}
