import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { ItemKind, Level } from '@hmicfrs/lifecycle';
import { CommandBody } from './command-body';
import { IsCalendarDate, IsIdentifier, IsPersonId, IsText } from './fields';

const KINDS: ItemKind[] = ['recommendation', 'cause_of_concern', 'area_for_improvement'];

export class OpenRecommendationDto extends CommandBody {
  @ApiProperty({ example: '9159', description: "The HMICFRS reference; unique, and the item's id here" })
  @IsIdentifier()
  reference!: string;

  @ApiProperty({ enum: KINDS })
  @IsIn(KINDS, { message: `kind must be one of ${KINDS.join(', ')}` })
  kind!: ItemKind;

  @ApiProperty({ example: 'peel-2023-25' })
  @IsIdentifier()
  inspectionId!: string;

  @ApiProperty({ example: 'By 31 March 2024, the force should improve how it identifies repeat victims.' })
  @IsText()
  text!: string;

  @ApiProperty({ minimum: 1, maximum: 4, description: 'The HMICFRS level, which decides how the item is closed' })
  @IsInt({ message: 'level must be a whole number from 1 to 4' })
  @Min(1, { message: 'level must be from 1 to 4' })
  @Max(4, { message: 'level must be from 1 to 4' })
  level!: Level;

  @ApiProperty({ example: 'Chief Constables' })
  @IsText(200)
  addressee!: string;

  @ApiProperty({ example: 'Public Protection' })
  @IsText(200)
  portfolio!: string;

  @ApiPropertyOptional({
    example: 'supt-patel',
    description: 'Someone in the directory of people (GET /people); anyone else is a 422 naming them',
  })
  @IsOptional()
  @IsPersonId()
  owner?: string;

  @ApiPropertyOptional({ example: '2024-03-31' })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 120,
    description: "Due within this many months of the report's publication: the due date is worked out from it (instead of dueDate)",
  })
  @IsOptional()
  @IsInt({ message: 'dueWithinMonths must be a whole number of months from 1 to 120' })
  @Min(1, { message: 'dueWithinMonths must be from 1 to 120' })
  @Max(120, { message: 'dueWithinMonths must be from 1 to 120' })
  dueWithinMonths?: number;

  @ApiPropertyOptional({
    example: '2023-04-20',
    description:
      "The day the item was received, when not with its report: it is opened as at that day (else at the report's publication). Not after today",
  })
  @IsOptional()
  @IsCalendarDate()
  receivedOn?: string;
}
