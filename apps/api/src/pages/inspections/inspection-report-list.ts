import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type GlobalPosition } from '@hmicfrs/event-store';
import { replayInspectionReport, type InspectionReport } from '@hmicfrs/lifecycle';
import { CLOCK, type Clock } from '@hmicfrs/clock';
import { RegisterQueries, type RegisterEntry } from '@hmicfrs/projections';

/**
 * Inspection reports, newest first, and the items of one. The read models keep an inspections table but
 * offer no query over it yet, so the reports are read from the store: every report stream once, then only
 * the events recorded since the last look (a handful between two visits, even at 50,000 items).
 */
@Injectable()
export class InspectionReportList {
  private readonly reports = new Map<string, InspectionReport>();
  /** How far the store has been read; `undefined` until the first look. */
  private seen: GlobalPosition | null | undefined;
  /** One look at a time: two at once would read the same events twice. */
  private looking: Promise<void> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly register: RegisterQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async all(): Promise<InspectionReport[]> {
    this.looking = this.looking.then(() => this.catchUp());
    await this.looking;
    return [...this.reports.values()].sort((a, b) => b.publishedOn.localeCompare(a.publishedOn) || a.title.localeCompare(b.title));
  }

  /** The report's items from the register, in reference order (a report holds tens, not thousands). */
  itemsOf(inspectionId: string): RegisterEntry[] {
    const today = this.clock().toISOString().slice(0, 10);
    return this.register.list({ report: inspectionId }, { limit: 1_000, offset: 0, sort: 'reference', descending: false }, today).items;
  }

  private async catchUp(): Promise<void> {
    if (this.seen === undefined) {
      // The head first: a report recorded during the scan is read again next time, and kept once.
      const { position } = await this.store.health();
      for await (const stream of this.store.streamIds()) {
        if (!stream.startsWith('inspection-')) continue;
        const report = replayInspectionReport(await this.store.readStream(stream));
        if (report) this.reports.set(report.id, report);
      }
      this.seen = position;
      return;
    }
    for await (const event of this.store.readAll(this.seen === null ? {} : { after: this.seen })) {
      // Through the lifecycle's reading of a report (its upcasters), as for the streams above.
      const report = event.type === 'InspectionReportRecorded' ? replayInspectionReport([event]) : undefined;
      if (report) this.reports.set(report.id, report);
      this.seen = event.position;
    }
  }
}
