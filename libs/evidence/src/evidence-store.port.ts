import type { Readable } from 'node:stream';

/** The Nest token of the evidence store. */
export const EVIDENCE_STORE = Symbol('EVIDENCE_STORE');

/**
 * An upload's bytes written to a temporary file, hashed and typed as they arrived, and on disk (fsynced):
 * not yet under its hash. `keep` puts it there; `discard` forgets it. Nothing but the store reads `id`.
 */
export interface StagedDocument {
  readonly id: string;
  readonly sha256: string;
  readonly size: number;
  /** What the bytes are (`MediaTypeSniffer`), whatever the file was called. */
  readonly mediaType: string;
}

/** A file the store holds, by its hash. */
export interface StoredFile {
  sha256: string;
  size: number;
  modifiedAt: Date;
}

/**
 * Where evidence documents are kept: content-addressed (one file per SHA-256, so the same bytes are kept
 * once), written atomically (a crash never leaves a partial file under a hash). docs/architecture.md,
 * "Evidence documents".
 */
export interface EvidenceStore {
  /** Streams `source` into a temporary file, hashing and typing it; at most `maxBytes` (`EvidenceRefused` too_large, the file removed). */
  stage(source: AsyncIterable<Buffer>, limits: { maxBytes: number }): Promise<StagedDocument>;
  /** Moves a staged file under its hash (rename, then fsync of the directory); if the hash is already held, the copy is dropped. */
  keep(staged: StagedDocument): Promise<void>;
  /** Removes a staged file that is not to be kept; nothing if it was kept or is gone. */
  discard(staged: StagedDocument): Promise<void>;
  /** The document's bytes (`EvidenceFileMissing` if the store has no file under that hash). */
  open(sha256: string): Promise<Readable>;
  /** The SHA-256 of the bytes now under that hash, read again from disk; `undefined` if there is no such file. */
  rehash(sha256: string): Promise<string | undefined>;
  /** Every file held under a hash. */
  files(): AsyncIterable<StoredFile>;
  /** Staged files never kept or discarded (an upload interrupted by a crash), with their age. */
  leftovers(): AsyncIterable<{ id: string; size: number; modifiedAt: Date }>;
  /** Removes the file under a hash (`cli evidence gc`, for files no event names), or a leftover staged file. */
  remove(target: { sha256: string } | { leftover: string }): Promise<void>;
}
