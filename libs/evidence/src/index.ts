export { EVIDENCE_STORE, type EvidenceStore, type StagedDocument, type StoredFile } from './evidence-store.port';
export { FilesystemEvidenceStore, megabytes } from './filesystem-evidence-store';
export { EvidenceIntake, evidenceLimits, type EvidenceLimits, type UploadedDocument } from './evidence-intake';
export { EvidenceModule, evidenceStoreIn, type EvidenceOptions } from './evidence.module';
export { EvidenceRefused, EvidenceNotFound, EvidenceFileMissing, type EvidenceProblem } from './errors';
export { sanitisedFileName } from './file-name';
export { MediaTypeSniffer, mediaTypeOf, describeMediaType, DEFAULT_EVIDENCE_TYPES, ACTIVE_TYPES } from './media-types';
export {
  referencedDocuments,
  verifyEvidence,
  describeEvidenceProblem,
  findOrphans,
  removeOrphan,
  type DocumentReference,
  type EvidenceVerdict,
  type EvidenceProblemFound,
  type Orphan,
} from './referenced-documents';
