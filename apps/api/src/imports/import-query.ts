import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsText } from '../recommendations/dto/fields';

const FLAG = ['true', 'false'];

export class ImportQuery {
  @ApiPropertyOptional({ enum: FLAG, description: 'Check everything, write nothing' })
  @IsOptional()
  @IsIn(FLAG, { message: 'dryRun must be true or false' })
  dryRun?: string;

  @ApiPropertyOptional({ enum: FLAG, description: 'Import the good rows and report the bad ones; by default one bad row writes nothing' })
  @IsOptional()
  @IsIn(FLAG, { message: 'skipInvalid must be true or false' })
  skipInvalid?: string;

  @ApiPropertyOptional({ example: 'action-tracker-2024-06.xlsx', description: "Named in each event's metadata and in the report" })
  @IsOptional()
  @IsText(200)
  fileName?: string;
}
