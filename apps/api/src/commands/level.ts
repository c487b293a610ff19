import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import type { SettableLevel } from '@hmicfrs/lifecycle';
import { CommandBody } from '../recommendations/dto/command-body';
import { IsText } from '../recommendations/dto/fields';
import type { LifecycleCommandEntry } from './lifecycle-command-entry';
import { REASON_FIELD } from './reason';

export class LevelDto extends CommandBody {
  @ApiProperty({ enum: [2, 3, 4], description: 'Level 1 is reached by closing and archiving, not by a level change' })
  @IsInt({ message: 'level must be 2, 3 or 4' })
  @Min(2, { message: 'level must be 2, 3 or 4' })
  @Max(4, { message: 'level must be 2, 3 or 4' })
  level!: SettableLevel;

  @ApiProperty({ example: 'Force moved to Engage' })
  @IsText(2_000)
  reason!: string;
}

const LEVEL_HINTS: Record<SettableLevel, string> = {
  2: 'The force closes it itself, with a letter signed by the Chief Constable',
  3: 'The force self-certifies; HMICFRS verifies at its next relevant inspection',
  4: 'No self-certification: HMICFRS verifies by bespoke fieldwork',
};

export const CHANGE_LEVEL: LifecycleCommandEntry<'CHANGE_LEVEL', LevelDto> = {
  type: 'CHANGE_LEVEL',
  verb: 'level',
  body: LevelDto,
  toCommand: ({ level, reason }) => ({ type: 'CHANGE_LEVEL', level, reason }),
  name: 'Change the level',
  form: {
    button: 'Change the level',
    fields: (item) => [
      {
        name: 'level',
        kind: 'radios',
        label: 'New level',
        items: ([2, 3, 4] as const)
          .filter((level) => level !== item?.level)
          .map((level) => ({ value: String(level), text: `Level ${level}`, hint: { text: LEVEL_HINTS[level] } })),
        error: 'Select the new level',
        read: (typed) => (typed === '' ? undefined : Number(typed)),
      },
      REASON_FIELD,
    ],
  },
};
