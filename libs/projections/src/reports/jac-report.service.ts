import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Statement } from 'better-sqlite3';
import { CLOCK, type Clock } from '@hmicfrs/clock';
import { PastRegister } from '../register/past-register';
import { ReadModelFreshness } from '../runtime/freshness';
import { ReadModelDatabase } from '../runtime/read-model-database';
import { jacPeriod, type JacRequest } from './jac-period';
import { compileJacReport, type InspectionRef, type JacReport } from './jac-report';
import { REPORT_SEAL, type LatestSeal } from './report-seal';

/**
 * The JAC report from the register's versions: every item as at `asAt` and as at `previous`, as known
 * at `knownAt`, never the live register. It waits until the register has applied everything on record,
 * so the same request gives the same report whenever it is made.
 */
@Injectable()
export class JacReportService {
  constructor(
    private readonly database: ReadModelDatabase,
    private readonly past: PastRegister,
    private readonly freshness: ReadModelFreshness,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(REPORT_SEAL) private readonly seals?: LatestSeal,
  ) {}

  async jacReport(request: JacRequest): Promise<JacReport> {
    const period = jacPeriod(request, this.clock());
    await this.freshness.waitFor('register');
    // The latest checkpoint once the register has caught up: what the paper ends with.
    const seal = (await this.seals?.latest()) ?? null;
    const { db } = this.database;
    return db.transaction(() => {
      const [now, before] = this.past.atEach([
        { asAt: period.asAt, knownAt: period.knownAt },
        { asAt: period.previous, knownAt: period.knownAt },
      ]);
      const inspection = db.prepare<[string], { title: string; published_on: string }>(
        'SELECT title, published_on FROM inspections WHERE id = ?',
      );
      const describe = db.prepare<[string], { reference: string; text: string }>('SELECT reference, text FROM register WHERE id = ?');
      return compileJacReport(period, {
        now,
        before,
        inspection: (id) => inspectionRef(id, inspection),
        describe: (id) => describe.get(id) ?? { reference: id, text: '' },
        seal,
      });
    })();
  }
}

function inspectionRef(id: string, statement: Statement<[string], { title: string; published_on: string }>): InspectionRef {
  const row = statement.get(id);
  return { id, title: row?.title ?? id, publishedOn: row?.published_on ?? null };
}
