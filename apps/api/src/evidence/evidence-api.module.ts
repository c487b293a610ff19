import { Module } from '@nestjs/common';
import { WorkflowModule } from '@hmicfrs/workflow';
import { EvidenceController } from './evidence.controller';
import { EvidenceDocuments } from './evidence-documents';

/** Evidence documents over HTTP: upload, references held elsewhere, download. The store itself is `EvidenceModule`'s (libs/evidence). */
@Module({
  imports: [WorkflowModule],
  controllers: [EvidenceController],
  providers: [EvidenceDocuments],
  exports: [EvidenceDocuments],
})
export class EvidenceApiModule {}
