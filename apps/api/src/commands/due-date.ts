import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CommandBody } from '../recommendations/dto/command-body';
import { IsCalendarDate, IsText } from '../recommendations/dto/fields';
import type { LifecycleCommandEntry } from './lifecycle-command-entry';
import { REASON_FIELD } from './reason';

export class DueDateDto extends CommandBody {
  @ApiProperty({ example: '2024-12-31' })
  @IsCalendarDate()
  dueDate!: string;

  @ApiPropertyOptional({ example: 'Waiting on the regional vetting unit', description: "Needed unless it is the item's first due date" })
  @IsOptional()
  @IsText(2_000)
  reason?: string;
}

export const CHANGE_DUE_DATE: LifecycleCommandEntry<'CHANGE_DUE_DATE', DueDateDto> = {
  type: 'CHANGE_DUE_DATE',
  verb: 'due-date',
  body: DueDateDto,
  toCommand: ({ dueDate, reason }) => ({ type: 'CHANGE_DUE_DATE', dueDate, ...(reason === undefined ? {} : { reason }) }),
  name: 'Change the due date',
  form: {
    button: 'Change the due date',
    // The first due date changes nothing: no reason is asked for (the lifecycle asks one for every later change).
    fields: (item) => [
      {
        name: 'dueDate',
        kind: 'date',
        label: item?.dueDate === null ? 'Due date' : 'New due date',
        hint: 'For example, 31 3 2025',
        error: 'Enter the new due date as a real date',
      },
      ...(item?.dueDate === null
        ? []
        : [
            {
              ...REASON_FIELD,
              // Judged without the item, it may be absent; the lifecycle still asks one of a change.
              ...(item === undefined ? { optional: true as const } : {}),
              hint: 'The committee asks why an item has slipped',
              error: 'Enter why the due date changes',
            },
          ]),
    ],
  },
};
