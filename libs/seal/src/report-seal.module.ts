import { Global, Module } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@hmicfrs/event-store';
import { REPORT_SEAL, type LatestSeal, type ReportSeal } from '@hmicfrs/projections';
import { lastCheckpointBy } from './seal-stream';

/**
 * The latest checkpoint for the JAC report's footer (`REPORT_SEAL`), read from the seal stream: no key
 * is needed to print one, so the cli's `report` has it as well as the API.
 */
@Global()
@Module({
  providers: [
    {
      provide: REPORT_SEAL,
      inject: [EVENT_STORE],
      useFactory: (store: EventStore): LatestSeal => ({
        async latest(knownAt: Date): Promise<ReportSeal | null> {
          const checkpoint = await lastCheckpointBy(store, knownAt);
          if (checkpoint === null) return null;
          const { sequence, position, count, root, keyFingerprint, signature, sealedAt } = checkpoint;
          return { sequence, position, count, root, keyFingerprint, signature, sealedAt };
        },
      }),
    },
  ],
  exports: [REPORT_SEAL],
})
export class ReportSealModule {}
