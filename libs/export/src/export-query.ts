import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { RegisterFilterQuery } from './register-filter-query';

/** The register's own filters, without paging, and the file's format. */
export class ExportQuery extends RegisterFilterQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'], { message: 'format must be csv or xlsx' })
  format?: 'csv' | 'xlsx';
}
