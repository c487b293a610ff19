import { ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateIf } from 'class-validator';
import { IsIdentifier, IsText } from '../recommendations/dto/fields';
import type { LifecycleCommandEntry } from './lifecycle-command-entry';
import { COMMENT_FIELD, CommentDto } from './comment';

/** What the pages' radios send for "another inspection, named below". */
const ANOTHER = 'another';

/** A verification says at which inspection HMICFRS verified the item: one recorded here, or one named. */
export class VerifyDto extends CommentDto {
  @ApiPropertyOptional({ example: 'soms-revisit-2024', description: 'Inspection activity recorded here; or give inspectionName' })
  @ValidateIf((body: VerifyDto) => body.inspectionName === undefined)
  @IsIdentifier()
  inspectionActivityId?: string;

  @ApiPropertyOptional({ example: 'PEEL 2025 fieldwork', description: 'An inspection not recorded here, by name' })
  @ValidateIf((body: VerifyDto) => body.inspectionActivityId === undefined)
  @IsText(300)
  inspectionName?: string;
}

export const VERIFY: LifecycleCommandEntry<'VERIFY', VerifyDto> = {
  type: 'VERIFY',
  verb: 'verify',
  body: VerifyDto,
  toCommand: ({ comment, inspectionActivityId, inspectionName }) => ({
    type: 'VERIFY',
    inspection: inspectionActivityId !== undefined ? { activityId: inspectionActivityId } : { named: inspectionName! },
    ...(comment === undefined ? {} : { comment }),
  }),
  name: 'Verify',
  form: {
    button: 'Verify',
    showsEvidence: true,
    fields: () => [
      {
        name: 'inspectionActivityId',
        kind: 'inspection',
        label: 'At which inspection did HMICFRS verify it?',
        other: { value: ANOTHER, text: 'Another inspection, named below' },
        read: (chosen) => (chosen === '' || chosen === ANOTHER ? undefined : chosen),
        error: 'Choose the inspection at which HMICFRS verified it, or name another',
      },
      {
        name: 'inspectionName',
        kind: 'text',
        label: 'If another inspection, its name',
        hint: 'For example, PEEL 2025 fieldwork',
        optional: true,
        error: 'Name the inspection (at most 300 characters), or choose one recorded',
      },
      { ...COMMENT_FIELD, hint: 'What the inspection found' },
    ],
  },
};
