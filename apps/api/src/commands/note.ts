import { ApiProperty } from '@nestjs/swagger';
import { CommandBody } from '../recommendations/dto/command-body';
import { IsText } from '../recommendations/dto/fields';
import type { LifecycleCommandEntry } from './lifecycle-command-entry';

export class NoteDto extends CommandBody {
  @ApiProperty({ example: 'Vetting backlog down to 40 cases; training rolled out to all sergeants.' })
  @IsText()
  text!: string;
}

export const NOTE_PROGRESS: LifecycleCommandEntry<'NOTE_PROGRESS', NoteDto> = {
  type: 'NOTE_PROGRESS',
  verb: 'note',
  body: NoteDto,
  toCommand: ({ text }) => ({ type: 'NOTE_PROGRESS', text }),
  name: 'Add a progress note',
  form: {
    button: 'Add the note',
    fields: () => [
      {
        name: 'text',
        kind: 'textarea',
        label: 'Progress',
        hint: 'What has been done since the last review, and what comes next',
        error: 'Enter the progress made',
      },
    ],
  },
};
