import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { RegisterQueryDto } from '../queries/dto/register-query.dto';

/** The register's own filters (GET /recommendations, validated by the same DTO), without paging, and the file's format. */
export class ExportQuery extends OmitType(RegisterQueryDto, ['sort', 'limit', 'offset'] as const) {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'], { message: 'format must be csv or xlsx' })
  format?: 'csv' | 'xlsx';
}
