import { personId } from '@hmicfrs/lifecycle';
import { ApiProperty } from '@nestjs/swagger';
import { CommandBody } from '../recommendations/dto/command-body';
import { IsPersonId } from '../recommendations/dto/fields';
import type { LifecycleCommandEntry } from './lifecycle-command-entry';

export class AssignDto extends CommandBody {
  @ApiProperty({ example: 'supt-patel', description: 'Someone in the directory of people (GET /people); anyone else is a 422 naming them' })
  @IsPersonId()
  owner!: string;
}

export const ASSIGN_OWNER: LifecycleCommandEntry<'ASSIGN_OWNER', AssignDto> = {
  type: 'ASSIGN_OWNER',
  verb: 'assign',
  body: AssignDto,
  // Normalised where it enters, as every person's id is: the event names the directory's id.
  toCommand: ({ owner }) => ({ type: 'ASSIGN_OWNER', owner: personId(owner) }),
  name: 'Assign an owner',
  form: {
    button: 'Assign',
    fields: () => [
      {
        name: 'owner',
        kind: 'person',
        role: 'owner',
        label: 'Owner',
        hint: 'Someone not listed? Ask the force liaison officer to add them to the directory of people',
        error: 'Select the owner',
      },
    ],
  },
};
