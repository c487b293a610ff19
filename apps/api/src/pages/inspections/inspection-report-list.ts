import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@hmicfrs/event-store';
import { replayInspectionReport, type InspectionReport } from '@hmicfrs/lifecycle';
import { READ_CLOCK, RegisterQueries, type Clock, type RegisterEntry } from '@hmicfrs/projections';

/**
 * Inspection reports, newest first, and the items of one. The list reads the reports' streams: the
 * read models keep an inspections table but offer no query over it yet.
 */
@Injectable()
export class InspectionReportList {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly register: RegisterQueries,
    @Inject(READ_CLOCK) private readonly clock: Clock,
  ) {}

  async all(): Promise<InspectionReport[]> {
    const reports: InspectionReport[] = [];
    for await (const stream of this.store.streamIds()) {
      if (!stream.startsWith('inspection-')) continue;
      const report = replayInspectionReport(await this.store.readStream(stream));
      if (report) reports.push(report);
    }
    return reports.sort((a, b) => b.publishedOn.localeCompare(a.publishedOn));
  }

  /** The report's items from the register, in reference order (a report holds tens, not thousands). */
  itemsOf(inspectionId: string): RegisterEntry[] {
    const today = this.clock().toISOString().slice(0, 10);
    return this.register.list({ report: inspectionId }, { limit: 1_000, offset: 0, sort: 'reference', descending: false }, today).items;
  }
}
