import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { GRADES, type Grade, type InspectionType } from '@hmicfrs/lifecycle';
import { CommandBody } from './command-body';
import { IsCalendarDate, IsIdentifier, IsText } from './fields';

export const INSPECTION_TYPES: InspectionType[] = ['peel', 'thematic', 'jtai', 'super_complaint', 're_visit', 'other'];

/** One area the report grades, and its grade. */
export class GradedAreaDto {
  @ApiProperty({ example: 'Investigating crime' })
  @IsText(200)
  area!: string;

  @ApiProperty({ enum: GRADES })
  @IsIn(GRADES, { message: `grade must be one of ${GRADES.join(', ')}` })
  grade!: Grade;
}

export class RecordInspectionDto extends CommandBody {
  @ApiProperty({ example: 'peel-2023-25', description: "The report's id in this register" })
  @IsIdentifier()
  id!: string;

  @ApiProperty({ enum: INSPECTION_TYPES })
  @IsIn(INSPECTION_TYPES, { message: `reportType must be one of ${INSPECTION_TYPES.join(', ')}` })
  reportType!: InspectionType;

  @ApiProperty({ example: 'PEEL 2023–25: an inspection of West Midlands Police' })
  @IsText(500)
  title!: string;

  @ApiProperty({ example: '2023-09-29' })
  @IsCalendarDate()
  publishedOn!: string;

  @ApiPropertyOptional({ example: '2023-03-06' })
  @IsOptional()
  @IsCalendarDate()
  fieldworkFrom?: string;

  @ApiPropertyOptional({ example: '2023-03-17' })
  @IsOptional()
  @IsCalendarDate()
  fieldworkTo?: string;

  @ApiPropertyOptional({ type: [GradedAreaDto], description: 'The grades the report gives the force, per area (PEEL)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => GradedAreaDto)
  gradings?: GradedAreaDto[];
}
