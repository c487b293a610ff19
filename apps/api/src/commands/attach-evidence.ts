import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { CommandBody } from '../recommendations/dto/command-body';
import { IsIdentifier, IsText } from '../recommendations/dto/fields';
import type { LifecycleCommandEntry } from './lifecycle-command-entry';

export class EvidenceDto extends CommandBody {
  @ApiProperty({ example: 'cc-letter-2024-06' })
  @IsIdentifier()
  evidenceId!: string;

  @ApiProperty({ example: 'Chief Constable letter of 20 June 2024' })
  @IsText(500)
  title!: string;

  @ApiProperty({ description: 'SHA-256 of the document, hex', example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lower-case hexadecimal characters' })
  sha256!: string;

  @ApiPropertyOptional({ default: false, description: 'Levels 2 and 3 need a Chief Constable letter to be approved' })
  @IsOptional()
  @IsBoolean({ message: 'isChiefConstableLetter must be true or false' })
  isChiefConstableLetter?: boolean;
}

export const ATTACH_EVIDENCE: LifecycleCommandEntry<'ATTACH_EVIDENCE', EvidenceDto> = {
  type: 'ATTACH_EVIDENCE',
  verb: 'evidence',
  body: EvidenceDto,
  toCommand: ({ evidenceId, title, sha256, isChiefConstableLetter }) => ({
    type: 'ATTACH_EVIDENCE',
    evidenceId,
    title,
    sha256,
    isChiefConstableLetter: isChiefConstableLetter ?? false,
  }),
  name: 'Attach evidence',
  form: {
    button: 'Attach the evidence',
    fields: () => [
      { name: 'title', kind: 'text', label: 'Title', hint: 'For example, Chief Constable letter of 20 June 2024', error: 'Enter a title of at most 500 characters' },
      {
        name: 'evidenceId',
        kind: 'text',
        label: 'Document reference',
        hint: 'A short reference for this document on this item, for example cc-letter-2024-06',
        error: 'Enter a reference of letters, digits or _ . : - (up to 100), starting with a letter or digit',
      },
      {
        name: 'sha256',
        kind: 'text',
        label: 'SHA-256 fingerprint of the document',
        hint: 'So an approval names exactly the document the DCC saw: 64 characters, from `sha256sum document.pdf`',
        error: 'Enter the SHA-256 fingerprint: 64 characters, digits and the letters a to f',
        // sha256sum prints lower case; a fingerprint copied from elsewhere may be upper case, and is the same.
        read: (typed) => typed.toLowerCase(),
      },
      {
        name: 'isChiefConstableLetter',
        kind: 'checkbox',
        label: 'This is the letter signed by the Chief Constable',
        items: [{ value: 'yes', text: 'This is the letter signed by the Chief Constable', hint: { text: 'Levels 2 and 3 need it to be approved' } }],
        error: 'Select whether this is the Chief Constable letter',
      },
    ],
  },
};
