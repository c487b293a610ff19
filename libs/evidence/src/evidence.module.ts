import { DynamicModule, Global, Module } from '@nestjs/common';
import { join } from 'node:path';
import { EvidenceIntake, type EvidenceLimits } from './evidence-intake';
import { EVIDENCE_STORE, type EvidenceStore } from './evidence-store.port';
import { FilesystemEvidenceStore } from './filesystem-evidence-store';

export interface EvidenceOptions extends EvidenceLimits {
  /** The store lives in `<dataDir>/evidence`. */
  dataDir: string;
}

/** The evidence store, `EVIDENCE_STORE`, on the filesystem under DATA_DIR; and the intake that checks uploads against the limits. */
@Global()
@Module({})
export class EvidenceModule {
  static forRoot(options: EvidenceOptions): DynamicModule {
    return {
      module: EvidenceModule,
      providers: [
        { provide: EVIDENCE_STORE, useFactory: () => evidenceStoreIn(options.dataDir) },
        { provide: EvidenceIntake, inject: [EVIDENCE_STORE], useFactory: (store: EvidenceStore) => new EvidenceIntake(store, options) },
      ],
      exports: [EVIDENCE_STORE, EvidenceIntake],
    };
  }
}

export function evidenceStoreIn(dataDir: string): FilesystemEvidenceStore {
  return new FilesystemEvidenceStore(join(dataDir, 'evidence'));
}
