import { IsString, MinLength } from 'class-validator';
import { CommandBody } from '../recommendations/dto/command-body';
import { IsIdentifier } from '../recommendations/dto/fields';
import { ItemIdParams } from '../recommendations/dto/item-id.params';
import type { LifecycleCommandEntry } from './lifecycle-command-entry';

/**
 * The page's choice of document. Any document the item has may be chosen, whatever its id: whether the
 * item has it is the lifecycle's rule (`attachedEvidence`), refused with the lifecycle's words.
 */
export class RemoveEvidenceDto extends CommandBody {
  @IsString()
  @MinLength(1)
  evidenceId!: string;
}

class EvidenceParams extends ItemIdParams {
  @IsIdentifier()
  evidenceId!: string;
}

export const REMOVE_EVIDENCE: LifecycleCommandEntry<'REMOVE_EVIDENCE', RemoveEvidenceDto> = {
  type: 'REMOVE_EVIDENCE',
  verb: 'remove-evidence',
  body: RemoveEvidenceDto,
  toCommand: ({ evidenceId }) => ({ type: 'REMOVE_EVIDENCE', evidenceId }),
  name: 'Remove evidence',
  form: {
    button: 'Remove the evidence',
    fields: (item) => [
      {
        name: 'evidenceId',
        kind: 'radios',
        label: 'Which document?',
        items: (item?.evidence ?? []).map((evidence) => ({
          value: evidence.evidenceId,
          text: evidence.title,
          hint: { text: evidence.evidenceId },
        })),
        error: 'Select the document to remove',
      },
    ],
  },
  deleteAt: { path: 'evidence/:evidenceId', params: EvidenceParams },
};
