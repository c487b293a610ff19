/** Why an upload was refused; nothing of it is stored or recorded. */
export type EvidenceProblem =
  'empty' | 'too_large' | 'type_not_allowed' | 'bad_name' | 'no_file' | 'too_many_files' | 'duplicate' | 'bad_field';

/** An upload refused for what it is (its size, its type, its name): the client's to correct. */
export class EvidenceRefused extends Error {
  constructor(
    readonly problem: EvidenceProblem,
    message: string,
    /** The file's name as sent, when the problem is one file's. */
    readonly fileName?: string,
  ) {
    super(message);
    this.name = 'EvidenceRefused';
  }
}

/** No stored document has this evidence id on this item (or the item has it only as a reference held elsewhere). */
export class EvidenceNotFound extends Error {
  constructor(
    readonly itemId: string,
    readonly evidenceId: string,
    reason: string,
  ) {
    super(`Item ${itemId} has no document ${evidenceId} to open: ${reason}`);
    this.name = 'EvidenceNotFound';
  }
}

/** The store has no file under a hash an event names: lost, deleted, or never copied to this volume. */
export class EvidenceFileMissing extends Error {
  constructor(readonly sha256: string) {
    super(`The evidence store has no file with SHA-256 ${sha256}`);
    this.name = 'EvidenceFileMissing';
  }
}
