import { createHash } from 'node:crypto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { CommandBody } from '../recommendations/dto/command-body';
import { IsIdentifier, IsText } from '../recommendations/dto/fields';
import type { LifecycleCommandEntry } from './lifecycle-command-entry';

/**
 * Evidence held elsewhere: a document the force keeps in another system, named by where it is and what
 * it is. Documents themselves are uploaded (multipart, to the same address: apps/api/src/evidence).
 */
export class EvidenceReferenceDto extends CommandBody {
  @ApiPropertyOptional({ example: 'vetting-policy', description: 'Made from the location and title when not given' })
  @IsOptional()
  @IsIdentifier()
  evidenceId?: string;

  @ApiProperty({ example: 'Vetting policy, version 4' })
  @IsText(500)
  title!: string;

  @ApiProperty({
    example: 'Force policy library, Professional Standards > Vetting',
    description: 'Where the document is held: a link, a system and folder, a file reference',
  })
  @IsText(1000)
  location!: string;

  @ApiProperty({ example: 'The policy as approved by the chief officer group in May 2024' })
  @IsText(2000)
  description!: string;

  @ApiPropertyOptional({ description: 'A SHA-256 of the document (hex), if one was taken where it is held' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lower-case hexadecimal characters' })
  sha256?: string;

  @ApiPropertyOptional({ default: false, description: 'Levels 2 and 3 need a Chief Constable letter to be approved' })
  @IsOptional()
  @IsBoolean({ message: 'isChiefConstableLetter must be true or false' })
  isChiefConstableLetter?: boolean;
}

/** The same reference given twice (a retry, a form posted again) is the same evidence id. */
function referenceId(location: string, title: string): string {
  return `ref-${createHash('sha256').update(`${location}\n${title}`).digest('hex').slice(0, 16)}`;
}

export const ATTACH_EVIDENCE: LifecycleCommandEntry<'ATTACH_EVIDENCE', EvidenceReferenceDto> = {
  type: 'ATTACH_EVIDENCE',
  verb: 'evidence',
  body: EvidenceReferenceDto,
  toCommand: ({ evidenceId, title, location, description, sha256, isChiefConstableLetter }) => ({
    type: 'ATTACH_EVIDENCE',
    evidenceId: evidenceId ?? referenceId(location, title),
    title,
    isChiefConstableLetter: isChiefConstableLetter ?? false,
    heldElsewhere: { location, description },
    ...(sha256 === undefined ? {} : { sha256 }),
  }),
  name: 'Attach evidence held elsewhere',
  // POST /recommendations/:id/evidence takes uploads too: its route is the evidence controller's.
  writtenRoute: true,
  form: {
    button: 'Attach the reference',
    fields: () => [
      {
        name: 'title',
        kind: 'text',
        label: 'Title',
        hint: 'For example, Vetting policy, version 4',
        error: 'Enter a title of at most 500 characters',
      },
      {
        name: 'location',
        kind: 'text',
        label: 'Where is it held?',
        hint: 'A link, or the system and folder, for example Force policy library, Professional Standards > Vetting',
        error: 'Enter where the document is held, in at most 1000 characters',
      },
      {
        name: 'description',
        kind: 'textarea',
        label: 'What is it?',
        hint: 'So the DCC and HMICFRS know what they would find there',
        error: 'Enter what the document is, in at most 2000 characters',
      },
      {
        name: 'isChiefConstableLetter',
        kind: 'checkbox',
        label: 'This is the letter signed by the Chief Constable',
        items: [
          {
            value: 'yes',
            text: 'This is the letter signed by the Chief Constable',
            hint: { text: 'Levels 2 and 3 need it to be approved' },
          },
        ],
        error: 'Select whether this is the Chief Constable letter',
      },
    ],
  },
};
