import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { LinkRelation, Rag, SettableLevel } from '@hmicfrs/lifecycle';
import { CommandBody } from './command-body';
import { IsCalendarDate, IsIdentifier, IsText } from './fields';

/** The bodies of the lifecycle commands, one class each; commands with nothing to say use `CommandBody`. */

const RAGS: Rag[] = ['red', 'amber', 'green'];
const RELATIONS: LinkRelation[] = ['same_national_recommendation', 'shares_evidence'];

export class RateDto extends CommandBody {
  @ApiProperty({ enum: RAGS })
  @IsIn(RAGS, { message: `rag must be one of ${RAGS.join(', ')}` })
  rag!: Rag;
}

export class NoteDto extends CommandBody {
  @ApiProperty({ example: 'Vetting backlog down to 40 cases; training rolled out to all sergeants.' })
  @IsText()
  text!: string;
}

export class EvidenceDto extends CommandBody {
  @ApiProperty({ example: 'cc-letter-2024-06' })
  @IsIdentifier()
  evidenceId!: string;

  @ApiProperty({ example: 'Chief Constable letter of 20 June 2024' })
  @IsText(500)
  title!: string;

  @ApiProperty({ description: 'SHA-256 of the document, hex', example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lower-case hexadecimal characters' })
  sha256!: string;

  @ApiPropertyOptional({ default: false, description: 'Levels 2 and 3 need a Chief Constable letter to be approved' })
  @IsOptional()
  @IsBoolean({ message: 'isChiefConstableLetter must be true or false' })
  isChiefConstableLetter?: boolean;
}

export class AssignDto extends CommandBody {
  @ApiProperty({ example: 'supt-patel' })
  @IsIdentifier()
  owner!: string;
}

export class DueDateDto extends CommandBody {
  @ApiProperty({ example: '2024-12-31' })
  @IsCalendarDate()
  dueDate!: string;

  @ApiProperty({ example: 'Waiting on the regional vetting unit' })
  @IsText(2_000)
  reason!: string;
}

export class ReasonDto extends CommandBody {
  @ApiProperty({ example: 'The evidence does not show the change is embedded' })
  @IsText(2_000)
  reason!: string;
}

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

export class NotApplicableDto extends CommandBody {
  @ApiProperty({ example: 'Addressed to the NPCC lead for vetting' })
  @IsText(2_000)
  reason!: string;

  @ApiProperty({ example: 'NPCC' })
  @IsText(200)
  addressedTo!: string;
}

export class LinkDto extends CommandBody {
  @ApiProperty({ example: '10618' })
  @IsIdentifier()
  otherId!: string;

  @ApiProperty({ enum: RELATIONS })
  @IsIn(RELATIONS, { message: `relation must be one of ${RELATIONS.join(', ')}` })
  relation!: LinkRelation;
}
