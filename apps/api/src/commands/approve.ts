import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import type { LifecycleCommandEntry } from './lifecycle-command-entry';
import { COMMENT_FIELD, CommentDto } from './comment';

const RATED = { red: 'Red', amber: 'Amber' } as const;

/** The page's tick box and the JSON body's field alike: the lifecycle asks for it (libs/lifecycle, `aConfirmationIfNotGreen`). */
const CONFIRM_RATING = 'confirmRating';

export class ApproveDto extends CommentDto {
  @ApiPropertyOptional({
    example: true,
    description:
      'The DCC has seen that the item is rated Amber or Red, not Green, and approves it all the same: without it such an item is refused (422, field confirmRating)',
  })
  @IsOptional()
  @IsBoolean({ message: 'confirmRating must be true or false' })
  confirmRating?: boolean;
}

export const APPROVE: LifecycleCommandEntry<'APPROVE', ApproveDto> = {
  type: 'APPROVE',
  verb: 'approve',
  body: ApproveDto,
  toCommand: ({ comment, confirmRating }) => ({
    type: 'APPROVE',
    ...(comment === undefined ? {} : { comment }),
    ...(confirmRating === undefined ? {} : { confirmRating }),
  }),
  name: 'Approve',
  form: {
    button: 'Approve',
    showsEvidence: true,
    fields: () => [{ ...COMMENT_FIELD, hint: 'What the owner and the committee should know about this approval' }],
    // Closing an item its owner rates Amber or Red is a judgement the DCC makes knowingly, not by a slip:
    // the page asks it as the question the lifecycle would otherwise refuse the approval for.
    // (A submission always has a rating: SUBMIT needs one.)
    confirmation: ({ rag }) =>
      rag === 'green' || rag === null
        ? undefined
        : {
            name: CONFIRM_RATING,
            label: `I have seen that this item is rated ${RATED[rag]}, not Green, and I approve it all the same`,
            error: `Confirm that you approve an item rated ${RATED[rag]}, not Green`,
          },
  },
};
