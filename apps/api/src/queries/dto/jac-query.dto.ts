import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';

export const JAC_FORMATS = ['json', 'md', 'html', 'csv', 'docx'] as const;
export type JacFormat = (typeof JAC_FORMATS)[number];

/** GET /reports/jac: the committee's paper as at a date, with changes since the previous one. */
export class JacQueryDto {
  @ApiProperty({ example: '2024-06-27', description: 'The report is as at this date (what had happened by its end)' })
  @IsISO8601({ strict: true }, { message: 'asAt must be a date (YYYY-MM-DD) or a date-time with its zone' })
  asAt!: string;

  @ApiProperty({ example: '2024-03-21', description: "The previous report's date: changes are counted since then" })
  @IsISO8601({ strict: true }, { message: 'previous must be a date (YYYY-MM-DD) or a date-time with its zone' })
  previous!: string;

  @ApiProperty({ example: '2023-08-01', description: 'Submissions for closure are counted from this date' })
  @IsISO8601({ strict: true }, { message: 'since must be a date (YYYY-MM-DD) or a date-time with its zone' })
  since!: string;

  @ApiPropertyOptional({
    example: '2024-06-27T18:00:00Z',
    description: 'Only what had been recorded by then: the paper as the committee was given it',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'knownAt must be a date (YYYY-MM-DD) or a date-time with its zone' })
  knownAt?: string;

  @ApiPropertyOptional({ enum: JAC_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(JAC_FORMATS, { message: `format must be one of ${JAC_FORMATS.join(', ')}` })
  format?: JacFormat;
}
