import { ApiProperty } from '@nestjs/swagger';
import { CommandBody } from '../recommendations/dto/command-body';
import { IsText } from '../recommendations/dto/fields';
import type { LifecycleCommandEntry } from './lifecycle-command-entry';
import { REASON_FIELD } from './reason';

export class NotApplicableDto extends CommandBody {
  @ApiProperty({ example: 'Addressed to the NPCC lead for vetting' })
  @IsText(2_000)
  reason!: string;

  @ApiProperty({ example: 'NPCC' })
  @IsText(200)
  addressedTo!: string;
}

export const MARK_NOT_APPLICABLE: LifecycleCommandEntry<'MARK_NOT_APPLICABLE', NotApplicableDto> = {
  type: 'MARK_NOT_APPLICABLE',
  verb: 'not-applicable',
  body: NotApplicableDto,
  toCommand: ({ reason, addressedTo }) => ({ type: 'MARK_NOT_APPLICABLE', reason, addressedTo }),
  name: 'Mark not applicable',
  form: {
    button: 'Mark not applicable',
    warning: 'A not applicable item cannot be reopened.',
    fields: () => [
      {
        name: 'addressedTo',
        kind: 'text',
        label: 'Which body is it addressed to?',
        hint: 'For example, NPCC, IOPC, CPS',
        error: 'Enter the body it is addressed to',
      },
      { ...REASON_FIELD, error: 'Enter why it does not apply to the force' },
    ],
  },
};
