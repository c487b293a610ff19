import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

/** The register's filters as query parameters (read by `registerFilterFrom`, as `cli export` reads them), and the format. */
export class ExportQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'], { message: 'format must be csv or xlsx' })
  format?: 'csv' | 'xlsx';

  @ApiPropertyOptional({ description: 'Statuses, comma-separated', example: 'open,rag_rated' })
  @IsOptional() @IsString() @MaxLength(200)
  status?: string;

  @ApiPropertyOptional({ enum: ['recommendation', 'cause_of_concern', 'area_for_improvement'] })
  @IsOptional() @IsString() @MaxLength(40)
  kind?: string;

  @ApiPropertyOptional({ enum: ['1', '2', '3', '4'] })
  @IsOptional() @IsString() @MaxLength(1)
  level?: string;

  @ApiPropertyOptional({ enum: ['red', 'amber', 'green', 'unrated'] })
  @IsOptional() @IsString() @MaxLength(10)
  rag?: string;

  @ApiPropertyOptional({ example: 'supt-patel' })
  @IsOptional() @IsString() @MaxLength(100)
  owner?: string;

  @ApiPropertyOptional({ description: 'The inspection report\'s id', example: 'vmm-2022' })
  @IsOptional() @IsString() @MaxLength(100)
  report?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional() @IsString() @MaxLength(5)
  closed?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional() @IsString() @MaxLength(5)
  overdue?: string;

  @ApiPropertyOptional({ description: 'In progress and due within this many days', example: '14' })
  @IsOptional() @IsString() @MaxLength(4)
  dueWithinDays?: string;
}
