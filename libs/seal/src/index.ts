export {
  SEAL_STREAM,
  CHECKPOINT_FORMAT,
  CheckpointUnreadable,
  short,
  type CheckpointBody,
  type CheckpointHead,
  type SignedCheckpoint,
  type StoredCheckpoint,
} from './checkpoint';
export { checkpointExport, readCheckpointExport, EXPORT_FORMAT, type CheckpointExport } from './checkpoint-export';
export {
  loadSealKey,
  readPublicKey,
  publicKeyFromPem,
  fingerprintOf,
  SealKeyProblem,
  LOCAL_KEY_FILE,
  SEAL_KEY,
  type SealKey,
} from './seal-key';
export { lastCheckpoint, storedCheckpoints } from './seal-stream';
export { Sealer, SealContended, type SealOutcome, type SealerOptions } from './sealer';
export { SealThread } from './seal-thread';
export { SealSchedule, type SealStatus, type SealScheduleOptions } from './seal-schedule';
export { SealModule } from './seal.module';
export { ReportSealModule } from './report-seal.module';
export { HistoryWatch, type IntegrityStatus } from './history-watch';
export { VerifyThread, type VerifiesHistory } from './verify-thread';
export {
  verifyHistory,
  HistoryVerifier,
  NothingSealed,
  type Finding,
  type FindingKind,
  type HistoryVerdict,
  type VerifyHistoryInput,
} from './verify-history';
