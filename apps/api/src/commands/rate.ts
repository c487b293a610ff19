import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { Rag } from '@hmicfrs/lifecycle';
import { CommandBody } from '../recommendations/dto/command-body';
import type { LifecycleCommandEntry } from './lifecycle-command-entry';

const RAGS: Rag[] = ['red', 'amber', 'green'];

export class RateDto extends CommandBody {
  @ApiProperty({ enum: RAGS })
  @IsIn(RAGS, { message: `rag must be one of ${RAGS.join(', ')}` })
  rag!: Rag;
}

export const RATE: LifecycleCommandEntry<'RATE', RateDto> = {
  type: 'RATE',
  verb: 'rate',
  body: RateDto,
  toCommand: ({ rag }) => ({ type: 'RATE', rag }),
  name: 'Rate RAG',
  form: {
    button: 'Save the rating',
    fields: () => [
      {
        name: 'rag',
        kind: 'radios',
        label: 'How is the work going?',
        items: [
          { value: 'red', text: 'Red', hint: { text: 'Off track: the due date will be missed without help' } },
          { value: 'amber', text: 'Amber', hint: { text: 'At risk, but recoverable' } },
          { value: 'green', text: 'Green', hint: { text: 'On track, or complete' } },
        ],
        error: 'Select a RAG rating',
      },
    ],
  },
};
