import { ApiProperty } from '@nestjs/swagger';
import { CommandBody } from '../recommendations/dto/command-body';
import { IsIdentifier } from '../recommendations/dto/fields';
import type { LifecycleCommandEntry } from './lifecycle-command-entry';

export class AssignDto extends CommandBody {
  @ApiProperty({ example: 'supt-patel' })
  @IsIdentifier()
  owner!: string;
}

export const ASSIGN_OWNER: LifecycleCommandEntry<'ASSIGN_OWNER', AssignDto> = {
  type: 'ASSIGN_OWNER',
  verb: 'assign',
  body: AssignDto,
  toCommand: ({ owner }) => ({ type: 'ASSIGN_OWNER', owner }),
  name: 'Assign an owner',
  form: {
    button: 'Assign',
    fields: () => [
      {
        name: 'owner',
        kind: 'text',
        label: "Owner's user id",
        hint: 'For example, supt-patel',
        error: "Enter the owner's user id: letters, digits or _ . : -",
      },
    ],
  },
};
