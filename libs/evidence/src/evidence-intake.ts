import { EvidenceRefused } from './errors';
import type { EvidenceStore, StagedDocument } from './evidence-store.port';
import { sanitisedFileName } from './file-name';
import { megabytes } from './filesystem-evidence-store';
import { DEFAULT_EVIDENCE_TYPES, describeMediaType } from './media-types';

/** What an upload may be: EVIDENCE_MAX_MB and EVIDENCE_TYPES. */
export interface EvidenceLimits {
  maxBytes: number;
  allowedTypes: readonly string[];
  /** At most this many files in one upload. */
  maxFiles: number;
}

/**
 * The limits the settings give (EVIDENCE_MAX_MB, EVIDENCE_TYPES), the same for the API's uploads and the
 * demo's; at most ten files in one upload.
 */
export function evidenceLimits(settings: { EVIDENCE_MAX_MB: number; EVIDENCE_TYPES?: string }): EvidenceLimits {
  return {
    maxBytes: settings.EVIDENCE_MAX_MB * 1024 * 1024,
    allowedTypes: settings.EVIDENCE_TYPES?.split(',') ?? DEFAULT_EVIDENCE_TYPES,
    maxFiles: 10,
  };
}

/** A file as uploaded and staged: its kept name and what the store made of its bytes. */
export interface UploadedDocument {
  fileName: string;
  staged: StagedDocument;
}

/**
 * Takes one uploaded file into the store's staging, or refuses it (`EvidenceRefused`) with nothing left
 * behind: a bad name before a byte is written, then too large, empty, or a type not allowed.
 */
export class EvidenceIntake {
  constructor(
    readonly store: EvidenceStore,
    readonly limits: EvidenceLimits,
  ) {}

  async take(givenName: string, source: AsyncIterable<Buffer>): Promise<UploadedDocument> {
    const fileName = sanitisedFileName(givenName);
    let staged: StagedDocument;
    try {
      staged = await this.store.stage(source, { maxBytes: this.limits.maxBytes });
    } catch (error) {
      if (error instanceof EvidenceRefused) throw new EvidenceRefused(error.problem, `${fileName}: ${error.message}`, fileName);
      throw error;
    }
    const refuse = async (problem: 'empty' | 'type_not_allowed', message: string): Promise<never> => {
      await this.store.discard(staged);
      throw new EvidenceRefused(problem, `${fileName}: ${message}`, fileName);
    };
    if (staged.size === 0) return refuse('empty', 'the file is empty (0 bytes)');
    if (!this.limits.allowedTypes.includes(staged.mediaType)) {
      return refuse(
        'type_not_allowed',
        `its bytes are ${describeMediaType(staged.mediaType)}, which is not a type allowed for evidence (${this.allowedTypesInWords()})`,
      );
    }
    return { fileName, staged };
  }

  /** "PDF, Word (.docx), …" for the page's hint and a refusal's message. */
  allowedTypesInWords(): string {
    return this.limits.allowedTypes.map(describeMediaType).join(', ');
  }

  describeLimit(): string {
    return megabytes(this.limits.maxBytes);
  }
}
