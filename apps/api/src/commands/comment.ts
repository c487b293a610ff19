import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CommandBody } from '../recommendations/dto/command-body';
import { IsText } from '../recommendations/dto/fields';
import type { FormField } from './lifecycle-command-entry';

/** The body of the decisions whose comment is optional (approve, verify). */
export class CommentDto extends CommandBody {
  @ApiPropertyOptional({ example: 'The dip sample shows the flag in use across all three areas' })
  @IsOptional()
  @IsText(2_000)
  comment?: string;
}

export const COMMENT_FIELD: FormField = {
  name: 'comment',
  kind: 'textarea',
  label: 'Comment (optional)',
  optional: true,
  error: 'Enter a comment of at most 2,000 characters, or leave it blank',
};
