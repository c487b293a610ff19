import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { LinkRelation } from '@hmicfrs/lifecycle';
import { CommandBody } from '../recommendations/dto/command-body';
import { IsIdentifier } from '../recommendations/dto/fields';
import type { LifecycleCommandEntry } from './lifecycle-command-entry';

const RELATIONS: LinkRelation[] = ['same_national_recommendation', 'shares_evidence'];

export class LinkDto extends CommandBody {
  @ApiProperty({ example: '10618' })
  @IsIdentifier()
  otherId!: string;

  @ApiProperty({ enum: RELATIONS })
  @IsIn(RELATIONS, { message: `relation must be one of ${RELATIONS.join(', ')}` })
  relation!: LinkRelation;
}

export const LINK: LifecycleCommandEntry<'LINK', LinkDto> = {
  type: 'LINK',
  verb: 'link',
  body: LinkDto,
  toCommand: ({ otherId, relation }) => ({ type: 'LINK', otherId, relation }),
  name: 'Link to another item',
  form: {
    button: 'Link the items',
    fields: () => [
      {
        name: 'otherId',
        kind: 'text',
        label: 'Reference of the other item',
        hint: 'For example, 10618',
        error: "Enter the other item's reference",
      },
      {
        name: 'relation',
        kind: 'radios',
        label: 'How are they linked?',
        items: [
          { value: 'same_national_recommendation', text: 'The same national recommendation, in another report' },
          { value: 'shares_evidence', text: 'The same evidence serves both' },
        ],
        error: 'Select how the items are linked',
      },
    ],
  },
};
