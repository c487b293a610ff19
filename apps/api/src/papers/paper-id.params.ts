import { ApiProperty } from '@nestjs/swagger';
import { IsIdentifier } from '../recommendations/dto/fields';

export class PaperIdParams {
  @ApiProperty({ example: 'jac-2024-06-27' })
  @IsIdentifier()
  id!: string;
}
