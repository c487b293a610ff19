import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { InspectionType } from '@hmicfrs/lifecycle';
import { CommandBody } from './command-body';
import { IsCalendarDate, IsIdentifier, IsText } from './fields';

const INSPECTION_TYPES: InspectionType[] = ['peel', 'thematic', 'jtai', 'super_complaint', 're_visit', 'other'];

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
}
