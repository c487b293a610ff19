import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@hmicfrs/event-store';
import { replayInspectionReport, type InspectionReport } from '@hmicfrs/lifecycle';

/** Inspection reports, newest first, and the items of one. */
@Injectable()
export class InspectionReportList {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async all(): Promise<InspectionReport[]> {
    const reports: InspectionReport[] = [];
    for await (const stream of this.store.streamIds()) {
      if (!stream.startsWith('inspection-')) continue;
      const report = replayInspectionReport(await this.store.readStream(stream));
      if (report) reports.push(report);
    }
    return reports.sort((a, b) => b.publishedOn.localeCompare(a.publishedOn));
  }

  async itemsOf(_inspectionId: string): Promise<{ id: string }[]> {
    return [];
  }
}
