import { ApiProperty } from '@nestjs/swagger';
import { IsIdentifier } from './fields';

export class ActivityIdParams {
  @ApiProperty({ example: 'soms-ocset-revisit-2024' })
  @IsIdentifier()
  id!: string;
}
