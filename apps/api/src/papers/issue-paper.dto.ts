import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../recommendations/dto/fields';

/** POST /papers: the committee's dates; the paper is drawn from the record as it stands now. */
export class IssuePaperDto {
  @ApiProperty({ example: '2024-06-27', description: "The committee's date: the paper is as at its end" })
  @IsCalendarDate()
  asAt!: string;

  @ApiProperty({ example: '2024-03-21', description: "The previous committee's date: changes are counted since then" })
  @IsCalendarDate()
  previous!: string;

  @ApiProperty({ example: '2023-08-01', description: 'Submissions for closure are counted from this date' })
  @IsCalendarDate()
  since!: string;
}
