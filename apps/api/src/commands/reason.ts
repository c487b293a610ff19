import { ApiProperty } from '@nestjs/swagger';
import { CommandBody } from '../recommendations/dto/command-body';
import { IsText } from '../recommendations/dto/fields';
import type { FormField } from './lifecycle-command-entry';

/** The body of the commands that only say why (return, reject, reopen). */
export class ReasonDto extends CommandBody {
  @ApiProperty({ example: 'The evidence does not show the change is embedded' })
  @IsText(2_000)
  reason!: string;
}

export const REASON_FIELD: FormField = { name: 'reason', kind: 'textarea', label: 'Reason', error: 'Enter the reason' };

/** A decision's comment where it is required (return, reject, reopen): the command's reason. */
export const REQUIRED_COMMENT_FIELD: FormField = { ...REASON_FIELD, label: 'Comment' };
