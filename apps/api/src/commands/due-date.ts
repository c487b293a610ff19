import { ApiProperty } from '@nestjs/swagger';
import { CommandBody } from '../recommendations/dto/command-body';
import { IsCalendarDate, IsText } from '../recommendations/dto/fields';
import type { LifecycleCommandEntry } from './lifecycle-command-entry';
import { REASON_FIELD } from './reason';

export class DueDateDto extends CommandBody {
  @ApiProperty({ example: '2024-12-31' })
  @IsCalendarDate()
  dueDate!: string;

  @ApiProperty({ example: 'Waiting on the regional vetting unit' })
  @IsText(2_000)
  reason!: string;
}

export const CHANGE_DUE_DATE: LifecycleCommandEntry<'CHANGE_DUE_DATE', DueDateDto> = {
  type: 'CHANGE_DUE_DATE',
  verb: 'due-date',
  body: DueDateDto,
  toCommand: ({ dueDate, reason }) => ({ type: 'CHANGE_DUE_DATE', dueDate, reason }),
  name: 'Change the due date',
  form: {
    button: 'Change the due date',
    fields: () => [
      {
        name: 'dueDate',
        kind: 'date',
        label: 'New due date',
        hint: 'For example, 31 3 2025',
        error: 'Enter the new due date as a real date',
      },
      { ...REASON_FIELD, hint: 'The committee asks why an item has slipped', error: 'Enter why the due date changes' },
    ],
  },
};
