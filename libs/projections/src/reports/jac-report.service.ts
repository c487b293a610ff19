import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Statement } from 'better-sqlite3';
import { CLOCK, type Clock } from '@hmicfrs/clock';
import type { GradedArea, InspectionType } from '@hmicfrs/lifecycle';
import { PastRegister } from '../register/past-register';
import { ReadModelFreshness } from '../runtime/freshness';
import { ReadModelDatabase } from '../runtime/read-model-database';
import { jacPeriod, type JacPeriod, type JacRequest } from './jac-period';
import { compileJacReport, type ActivityLine, type InspectionRef, type JacReport } from './jac-report';
import { whyEmpty, type RecordExtent } from './report-words';
import { REPORT_SEAL, type LatestSeal, type ReportSeal } from './report-seal';

/** What a JAC report is drawn from besides the read models: the period asked for, as instants, and the latest seal known then. */
export interface JacInputs {
  period: JacPeriod;
  seal: ReportSeal | null;
}

/**
 * The JAC report from the register's versions: every item as at `asAt` and as at `previous`, as known
 * at `knownAt`, never the live register. It waits until the register has applied everything on record,
 * so the same request gives the same report whenever it is made.
 */
@Injectable()
export class JacReportService {
  private readonly reader: JacReportReader;

  constructor(
    private readonly database: ReadModelDatabase,
    past: PastRegister,
    private readonly freshness: ReadModelFreshness,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(REPORT_SEAL) private readonly seals?: LatestSeal,
  ) {
    this.reader = new JacReportReader(database, past);
  }

  async jacReport(request: JacRequest): Promise<JacReport> {
    return this.reader.read(await this.inputs(request));
  }

  /**
   * Everything but the read of the read models, which a worker thread may then make on its own
   * connection (`JacReportReader`): the period, checked against the one clock; the register caught up
   * with the store; the seal.
   */
  async inputs(request: JacRequest): Promise<JacInputs> {
    const period = jacPeriod(request, this.clock());
    await this.freshness.waitFor('register');
    // The latest checkpoint known at the report's point in time: what the paper ends with.
    const seal = (await this.seals?.latest(new Date(period.knownAt))) ?? null;
    return { period, seal };
  }

  /**
   * The items with an event recorded after `knownAt` about what had happened by `asAt`: what a paper
   * issued as known at `knownAt` could not have shown. References, in order.
   */
  recordedLater(period: { asAt: string; knownAt: string }): string[] {
    return this.database.db
      .prepare<[string, string], { reference: string }>(
        `SELECT DISTINCT r.reference FROM register_versions v JOIN register r ON r.id = v.item_id
         WHERE v.recorded_at > ? AND v.occurred_at <= ?`,
      )
      .all(period.knownAt, period.asAt)
      .map(({ reference }) => reference)
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  }

  /**
   * Why a report came out empty, when the record explains it ("nothing had been recorded by then: the
   * first event was recorded on …"); null otherwise. Apart from the report because it looks past
   * `knownAt`: the report itself holds only what was known then, so it regenerates identically.
   */
  whyEmpty(report: JacReport): string | null {
    if (report.register.total.count > 0) return null;
    const extent = this.database.db
      .prepare<[string], RecordExtent>(
        `SELECT (SELECT MIN(recorded_at) FROM register_versions) AS firstRecordedAt,
                -- an item's earliest version is its opening
                (SELECT MIN(occurred_at) FROM register_versions WHERE recorded_at <= ?) AS firstOpenedAt`,
      )
      .get(report.period.knownAt)!;
    return whyEmpty(report.period, extent);
  }
}

/** The read of a JAC report from the read models, in one read transaction: synchronous, so a worker thread can make it on its own connection. */
export class JacReportReader {
  constructor(
    private readonly database: ReadModelDatabase,
    private readonly past: PastRegister = new PastRegister(database),
  ) {}

  read({ period, seal }: JacInputs): JacReport {
    const { db } = this.database;
    return db.transaction(() => {
      const [now, before] = this.past.atEach([
        { asAt: period.asAt, knownAt: period.knownAt },
        { asAt: period.previous, knownAt: period.knownAt },
      ]);
      const inspection = db.prepare<[string], InspectionRow>('SELECT report_type, title, published_on FROM inspections WHERE id = ?');
      // Published after the previous JAC's day, up to this one's, and known by knownAt: an issued paper
      // lists the same reports however many are recorded later.
      const published = db
        .prepare<[string, string, string], InspectionRow & { id: string; gradings: string }>(
          `SELECT id, report_type, title, published_on, gradings FROM inspections
           WHERE published_on > ? AND published_on <= ? AND recorded_at <= ? ORDER BY published_on, title, id`,
        )
        .all(period.previous.slice(0, 10), period.asAt.slice(0, 10), period.knownAt)
        .map((row) => ({
          inspection: { id: row.id, reportType: row.report_type, title: row.title, publishedOn: row.published_on },
          gradings: JSON.parse(row.gradings) as GradedArea[],
        }));
      const activity = this.activity(period);
      const describe = db.prepare<[string], { reference: string; text: string }>('SELECT reference, text FROM register WHERE id = ?');
      return compileJacReport(period, {
        now,
        before,
        inspection: (id) => inspectionRef(id, inspection),
        published,
        activity,
        describe: (id) => describe.get(id) ?? { reference: id, text: '' },
        seal,
      });
    })();
  }

  /** Inspection activity as known at `knownAt`: fieldwork begun since the previous JAC, and still to come. */
  private activity(period: { previous: string; asAt: string; knownAt: string }): { since: ActivityLine[]; forthcoming: ActivityLine[] } {
    const { db } = this.database;
    const rows = db
      .prepare<[{ previous: string; knownAt: string }], ActivityRow>(
        `SELECT a.*, (SELECT d.notes FROM inspection_debriefs d WHERE d.activity_id = a.id AND d.recorded_at <= @knownAt
                      ORDER BY d.recorded_at DESC, d.rowid DESC LIMIT 1) AS debrief
         FROM inspection_activity a WHERE a.recorded_at <= @knownAt AND a.fieldwork_from > @previous
         ORDER BY a.fieldwork_from, a.title, a.id`,
      )
      .all({ previous: period.previous.slice(0, 10), knownAt: period.knownAt });
    const describe = db.prepare<[string], { reference: string; text: string }>('SELECT reference, text FROM register WHERE id = ?');
    const lines = rows.map((row): ActivityLine => ({
      id: row.id,
      inspectionType: row.inspection_type,
      title: row.title,
      fieldworkFrom: row.fieldwork_from,
      fieldworkTo: row.fieldwork_to,
      purpose: row.purpose,
      revisits: (JSON.parse(row.revisits) as string[]).map((id) => ({ id, ...(describe.get(id) ?? { reference: id, text: '' }) })),
      debrief: row.debrief,
    }));
    const asAt = period.asAt.slice(0, 10);
    return { since: lines.filter((line) => line.fieldworkFrom <= asAt), forthcoming: lines.filter((line) => line.fieldworkFrom > asAt) };
  }
}

interface ActivityRow {
  id: string;
  inspection_type: InspectionType;
  title: string;
  fieldwork_from: string;
  fieldwork_to: string;
  revisits: string;
  purpose: string | null;
  debrief: string | null;
}

interface InspectionRow {
  report_type: InspectionType;
  title: string;
  published_on: string;
}

function inspectionRef(id: string, statement: Statement<[string], InspectionRow>): InspectionRef {
  const row = statement.get(id);
  return { id, reportType: row?.report_type ?? 'other', title: row?.title ?? id, publishedOn: row?.published_on ?? null };
}
