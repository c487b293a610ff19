import { jacMarkdown, type JacReport } from '@hmicfrs/projections';
import { compileJacReport } from '../../libs/projections/src/reports/jac-report';
import { jacPeriod } from '../../libs/projections/src/reports/jac-period';
import { CommitteeRegister } from './support/committee';
import { appendAll, histories } from './support/histories';
import { openReadSide, type ReadSide } from './support/read-side';
import { expectedSnapshot, itemsFrom, readLog } from './support/recount';

const pause = () => new Promise((resolve) => setTimeout(resolve, 15));

describe('reports as at a date (occurredAt), as known at a date (recordedAt)', () => {
  let side: ReadSide;
  afterEach(() => side.close());

  it('a past committee’s report is regenerated exactly, whenever it is produced; today’s view of that date may differ', async () => {
    side = openReadSide();
    const register = new CommitteeRegister(side.store);
    await register.inspection('peel-2023', 'PEEL 2023/25', '2023-09-29');
    const a = await register.item('A-1', {
      kind: 'recommendation',
      level: 3,
      inspectionId: 'peel-2023',
      openedOn: '2024-01-02',
      dueDate: '2024-05-31',
    });
    await a.submit('2024-04-10');
    const b = await register.item('B-1', {
      kind: 'recommendation',
      level: 2,
      inspectionId: 'peel-2023',
      openedOn: '2024-01-02',
      dueDate: '2024-03-31',
    });
    await b.rate('red', '2024-02-01');
    await pause();
    const givenToTheCommittee = new Date().toISOString();
    await side.projector.catchUp();
    const request = { asAt: '2024-06-27', previous: '2024-03-21', since: '2023-08-01', knownAt: givenToTheCommittee };
    const paper = await side.jac.jacReport(request);

    // Learned after the meeting: B-1 had been submitted and approved in June, before the paper's date.
    await pause();
    await (await b.submit('2024-06-20')).approve('2024-06-25');
    await side.projector.catchUp();

    const again = await side.jac.jacReport(request);
    expect(again).toEqual(paper);
    expect(jacMarkdown(again)).toBe(jacMarkdown(paper));
    expect(paper.submissions.total).toEqual({ count: 1, change: 1 });
    expect(paper.overdue.map((item) => item.id)).toEqual(['B-1', 'A-1']);

    const today = await side.jac.jacReport({ ...request, knownAt: undefined });
    expect(today.submissions.total).toEqual({ count: 2, change: 2 });
    expect(today.signedOff.byReport.flatMap((group) => group.items.map((item) => item.id))).toEqual(['B-1']);
    expect(today.overdue.map((item) => item.id)).toEqual(['A-1']);

    // Rebuilt from zero, the read models give the committee's paper again.
    await side.rebuilder.rebuild();
    expect(await side.jac.jacReport(request)).toEqual(paper);
  });

  it('knownAt in the future means now, and the report says which moment it used', async () => {
    const now = new Date('2025-01-01T12:00:00.000Z');
    side = openReadSide({ clock: () => now });
    const report = await side.jac.jacReport({ asAt: '2024-06-27', previous: '2024-03-21', since: '2023-08-01', knownAt: '2030-01-01' });
    expect(report.period).toEqual({
      asAt: '2024-06-27T23:59:59.999Z',
      previous: '2024-03-21T23:59:59.999Z',
      since: '2023-08-01T00:00:00.000Z',
      knownAt: '2025-01-01T12:00:00.000Z',
    });
  });

  it('on random histories and dates, the report equals one compiled from the machine’s fold of exactly the events known then', async () => {
    side = openReadSide();
    const appends = [...histories({ seed: 41, items: 70, commands: 2200, start: '2022-01-03T09:00:00.000Z' })];
    const knownAts: string[] = [];
    for (let i = 0; i < appends.length; i += 150) {
      await appendAll(side.store, appends.slice(i, i + 150));
      await pause();
      knownAts.push(new Date().toISOString());
      await pause();
    }
    await side.projector.catchUp();
    const log = await readLog(side.store);
    const titles = new Map(
      log
        .filter((event) => event.type === 'InspectionReportRecorded')
        .map((event) => {
          const data = event.data as { id: string; reportType: 'peel'; title: string; publishedOn: string };
          return [data.id, { id: data.id, reportType: data.reportType, title: data.title, publishedOn: data.publishedOn }];
        }),
    );
    const dates = ['2022-03-31', '2022-06-30', '2022-09-30', '2022-12-31', '2023-06-30', '2024-12-31'];
    for (let i = 1; i < dates.length; i += 1) {
      for (const knownAt of [knownAts[1], knownAts[Math.floor(knownAts.length / 2)], knownAts[knownAts.length - 1]]) {
        const request = { asAt: dates[i], previous: dates[i - 1], since: '2022-02-01', knownAt };
        const period = jacPeriod(request, new Date());
        const snapshots = (asAt: string) =>
          [...itemsFrom(log, (event) => event.metadata.occurredAt <= asAt && event.metadata.recordedAt <= period.knownAt).values()].map(
            expectedSnapshot,
          );
        const expected: JacReport = compileJacReport(period, {
          now: snapshots(period.asAt),
          before: snapshots(period.previous),
          inspection: (id) => titles.get(id)!,
          describe: (id) => ({ reference: id, text: `Item ${id}: the force should improve something specific` }),
        });
        expect(await side.jac.jacReport(request)).toEqual(expected);
      }
    }
  });
});
