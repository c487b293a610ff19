import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../recommendations/dto/fields';
import type { LifecycleCommandEntry } from './lifecycle-command-entry';
import { REQUIRED_COMMENT_FIELD, ReasonDto } from './reason';

/** Reopening says why and by when the item is due again: the old due date no longer holds. */
export class ReopenDto extends ReasonDto {
  @ApiProperty({ example: '2026-06-30', description: 'The new due date; the item also needs a fresh RAG rating' })
  @IsCalendarDate()
  dueDate!: string;
}

export const REOPEN: LifecycleCommandEntry<'REOPEN', ReopenDto> = {
  type: 'REOPEN',
  verb: 'reopen',
  body: ReopenDto,
  toCommand: ({ reason, dueDate }) => ({ type: 'REOPEN', reason, dueDate }),
  name: 'Reopen',
  form: {
    button: 'Reopen',
    warning: 'Reopening clears the RAG rating and the self-certification: the owner rates the item afresh.',
    fields: () => [
      { ...REQUIRED_COMMENT_FIELD, error: 'Enter a comment: why the item needs more work', hint: 'Why the item needs more work' },
      {
        name: 'dueDate',
        kind: 'date',
        label: 'New due date',
        hint: 'For example, 30 6 2026',
        error: 'Enter the new due date as a real date',
      },
    ],
  },
};
