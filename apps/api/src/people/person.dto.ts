import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ROLES, type Role } from '@hmicfrs/auth';
import { PERSON_ID, PERSON_ID_RULE } from '@hmicfrs/lifecycle';
import { IsText } from '../recommendations/dto/fields';

export class PersonDto {
  @ApiProperty({ example: 'asha.patel@force.police.uk', description: 'What they sign in with; compared case-insensitively' })
  @IsString()
  @Matches(PERSON_ID, { message: `$property must be ${PERSON_ID_RULE}` })
  id!: string;

  @ApiProperty({ example: 'Supt Asha Patel' })
  @IsText(200)
  name!: string;

  @ApiPropertyOptional({ example: 'asha.patel@force.police.uk' })
  @IsOptional()
  @IsEmail({}, { message: '$property must be an e-mail address' })
  @MaxLength(254)
  email?: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['owner'] })
  @ArrayMinSize(1, { message: '$property must name at least one role' })
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true, message: `each of $property must be one of ${ROLES.join(', ')}` })
  roles!: Role[];

  @ApiPropertyOptional({ example: 'Public protection' })
  @IsOptional()
  @IsText(200)
  portfolio?: string;
}
