import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional } from 'class-validator';
import type { InspectionType } from '@hmicfrs/lifecycle';
import { CommandBody } from './command-body';
import { IsCalendarDate, IsIdentifier, IsText } from './fields';
import { INSPECTION_TYPES } from './record-inspection.dto';

/** POST /inspection-activity: HMICFRS's fieldwork in force, announced or held. */
export class RecordActivityDto extends CommandBody {
  @ApiProperty({ example: 'soms-ocset-revisit-2024' })
  @IsIdentifier()
  id!: string;

  @ApiProperty({ enum: INSPECTION_TYPES })
  @IsIn(INSPECTION_TYPES, { message: `inspectionType must be one of ${INSPECTION_TYPES.join(', ')}` })
  inspectionType!: InspectionType;

  @ApiProperty({ example: 'SOMS & OCSET re-visit' })
  @IsText(500)
  title!: string;

  @ApiProperty({ example: '2024-04-29' })
  @IsCalendarDate()
  fieldworkFrom!: string;

  @ApiProperty({ example: '2024-05-02' })
  @IsCalendarDate()
  fieldworkTo!: string;

  @ApiPropertyOptional({ type: [String], description: 'The items (causes of concern) it re-visits, by reference', example: ['COC-1'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsIdentifier({ each: true })
  revisits?: string[];

  @ApiPropertyOptional({ example: 'HMIC returned to force to measure our progress against the two causes of concern' })
  @IsOptional()
  @IsText(2_000)
  purpose?: string;
}

/** POST /inspection-activity/:id/debrief: what the early debrief said. */
export class NoteDebriefDto extends CommandBody {
  @ApiProperty({ example: 'The hot debrief recognised improvements having been made' })
  @IsText(5_000)
  notes!: string;
}
