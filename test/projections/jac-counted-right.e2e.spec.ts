import { jacMarkdown } from '@hmicfrs/projections';
import { CommitteeRegister } from './support/committee';
import { openReadSide, type ReadSide } from './support/read-side';

const pause = () => new Promise((resolve) => setTimeout(resolve, 15));

describe('the JAC report counts what the force still owes, and says why an answer is empty', () => {
  let side: ReadSide;
  let register: CommitteeRegister;
  beforeEach(() => {
    side = openReadSide();
    register = new CommitteeRegister(side.store);
  });
  afterEach(() => side.close());

  it('an item self-certified and waiting for HMICFRS to verify is not overdue: it is shown apart', async () => {
    await register.inspection('peel-2023', 'PEEL 2023/25', '2023-09-29');
    const item = (id: string, level: 3 | 4) =>
      register.item(id, { kind: 'recommendation', level, inspectionId: 'peel-2023', openedOn: '2023-10-01', dueDate: '2024-03-31' });
    await item('LATE-1', 3);
    await (await item('CERT-1', 3)).submit('2024-02-01').then((it) => it.approve('2024-02-10'));
    await (await item('HMI-1', 4)).submit('2024-02-01').then((it) => it.approve('2024-02-10'));
    await side.projector.catchUp();

    const report = await side.jac.jacReport({ asAt: '2024-06-27', previous: '2024-03-21', since: '2023-08-01' });
    expect(report.overdue.map((line) => line.reference)).toEqual(['LATE-1']);
    expect(report.waitingForHmicfrs.map((line) => [line.reference, line.status])).toEqual([
      ['CERT-1', 'self_certified'],
      ['HMI-1', 'awaiting_hmicfrs'],
    ]);
    const paper = jacMarkdown(report);
    expect(paper).toContain('## Overdue items: 1\n');
    expect(paper).toContain('## Past their due date, waiting for HMICFRS to verify: 2');
    expect(paper).toContain('- CERT-1 (Recommendation Lv3): recommendation CERT-1, due 31 March 2024');
  });

  it('"as the record stood on" a day before anything was recorded says so, naming the day of the first event', async () => {
    const before = new Date().toISOString();
    await pause();
    await register.inspection('peel-2023', 'PEEL 2023/25', '2023-09-29');
    await register.item('A-1', { kind: 'recommendation', level: 3, inspectionId: 'peel-2023', openedOn: '2023-10-01' });
    await side.projector.catchUp();

    const report = await side.jac.jacReport({ asAt: '2024-06-27', previous: '2024-03-21', since: '2023-08-01', knownAt: before });
    expect(report.register.total.count).toBe(0);
    const firstRecorded = new Date((await side.store.readStream('inspection-peel-2023'))[0].metadata.recordedAt).toLocaleDateString(
      'en-GB',
      {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      },
    );
    const note = side.jac.whyEmpty(report)!;
    expect(note).toMatch(/^As the record stood on \d{1,2} [A-Z][a-z]+ \d{4}, nothing had been recorded: the first event was recorded on /);
    expect(note).toContain(`recorded on ${firstRecorded}.`);
    expect(note).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('a committee date before anything happened says when the earliest item was opened; a report with items needs no explaining', async () => {
    await register.inspection('peel-2023', 'PEEL 2023/25', '2023-09-29');
    await register.item('A-1', { kind: 'recommendation', level: 3, inspectionId: 'peel-2023', openedOn: '2023-10-01' });
    await side.projector.catchUp();
    const early = await side.jac.jacReport({ asAt: '2023-06-30', previous: '2023-03-31', since: '2023-01-01' });
    expect(side.jac.whyEmpty(early)).toBe(
      'Nothing on the record had happened by 30 June 2023: the earliest item was opened on 1 October 2023.',
    );
    expect(side.jac.whyEmpty(await side.jac.jacReport({ asAt: '2024-06-27', previous: '2024-03-21', since: '2023-08-01' }))).toBeNull();
  });
});
