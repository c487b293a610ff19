import { jacDocx, type JacReport } from '@hmicfrs/projections';
import { CommitteeRegister, many } from './support/committee';
import { readDocx } from './support/docx-tables';
import { openReadSide, type ReadSide } from './support/read-side';

const names: Record<string, string> = { 'olivia.owner': 'Supt Asha Patel' };
const options = {
  nameOf: (userId: string) => names[userId] ?? userId,
  contact: { name: 'T/Chief Inspector Fiona Fletcher', title: 'HMICFRS Force Liaison Officer' },
};
const paperOf = async (report: JacReport) => readDocx(await jacDocx(report, options));

/** The seeds' papers drawn up again as Word documents, and their tables read back out of document.xml. */
describe('the committee paper as a Word document', () => {
  let side: ReadSide;
  let register: CommitteeRegister;
  beforeEach(() => {
    side = openReadSide();
    register = new CommitteeRegister(side.store);
  });
  afterEach(() => side.close());

  it('27 June 2024: received against submitted by the latest PEEL, and submissions since August 2023 by type and level', async () => {
    await register.inspection('peel-2021', 'PEEL 2021/22', '2022-04-01', 'peel');
    await register.inspection('peel-2023', 'PEEL 2023/2025', '2023-09-29', 'peel');
    await register.item('OLD-1', { kind: 'recommendation', level: 2, inspectionId: 'peel-2021', openedOn: '2022-04-01' });
    let n = 0;
    const peel = (
      kind: 'cause_of_concern' | 'recommendation' | 'area_for_improvement',
      level: 2 | 3 | 4,
      received: number,
      submitted: number,
      on: string,
    ) =>
      many(received, async (i) => {
        const item = await register.item(`P-${(n += 1)}`, { kind, level, inspectionId: 'peel-2023', openedOn: '2023-09-29' });
        if (i < submitted) await item.submit(on);
      });
    await peel('cause_of_concern', 4, 4, 3, '2024-05-01');
    await peel('recommendation', 4, 23, 18, '2024-04-18');
    await peel('area_for_improvement', 3, 7, 6, '2023-11-14');
    await peel('area_for_improvement', 2, 10, 0, '2023-11-14');
    await side.projector.catchUp();

    const paper = await paperOf(await side.jac.jacReport({ asAt: '2024-06-27', previous: '2024-03-21', since: '2023-08-01' }));
    expect(paper.paragraphs.slice(0, 5)).toEqual([
      'JOINT AUDIT COMMITTEE',
      '27 June 2024',
      'HMICFRS Update',
      '1. Purpose of Report',
      'To provide members of the Committee with oversight of HMICFRS Inspection activity and recommendations.',
    ]);
    expect(paper.paragraphs).toContain(
      'In relation to the 4 x Causes of Concern, 23 x Recommendations and 17 x Areas for Improvement received during our PEEL 2023/2025 report we have submitted the following for closure to date;',
    );
    expect(paper.paragraphs).toEqual(
      expect.arrayContaining(['3 x Causes of Concern', '18 x Recommendations', '6 x Areas for Improvement']),
    );
    expect(paper.paragraphs).toContain('Total submissions for closure since change of HMIC process (August 2023) across all portfolios:');
    expect(paper.tables[0]).toEqual([
      ['Closed (since Aug 2023)', 'Total Number submitted'],
      ['AFI Lv3', '6'],
      ['Cause of concern Lv4', '3 (+3)'],
      ['Recommendation Lv4', '18 (+18)'],
      ['Total', '27 (+21)'],
    ]);
    expect(paper.paragraphs.slice(-4)).toEqual([
      'CONTACT OFFICER',
      'Name: T/Chief Inspector Fiona Fletcher',
      'Title: HMICFRS Force Liaison Officer',
      // The seal the paper was drawn from comes last, as in every format of the report.
      'Not yet sealed: no signed checkpoint of the history had been written when this report was made.',
    ]);
    expect(paper.xml).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('15 December 2022: signed off since the last JAC by report; totals and what was added', async () => {
    const reports = [
      ['roads', 'Roads Policing – Not optional: an inspection of roads policing in England and Wales', 4],
      ['covid-da', 'Review of policing domestic abuse during the pandemic 2021', 1],
      ['vmm', 'An inspection of vetting, misconduct, and misogyny in the police service', 6],
    ] as const;
    for (const [id, title] of reports) await register.inspection(id, title, '2019-09-27');
    let n = 0;
    for (const [id, , completed] of reports) {
      await many(completed, async () => {
        const item = await register.item(`S-${(n += 1)}`, { kind: 'recommendation', level: 3, inspectionId: id, openedOn: '2020-02-01' });
        await (await item.submit('2022-08-15')).signOff('2022-11-10');
      });
    }
    await many(5, (i) =>
      register.item(`VMM-A${i}`, { kind: 'area_for_improvement', level: 2, inspectionId: 'vmm', openedOn: '2022-11-02' }),
    );
    await side.projector.catchUp();

    const paper = await paperOf(await side.jac.jacReport({ asAt: '2022-12-15', previous: '2022-09-29', since: '2022-09-29' }));
    expect(paper.paragraphs).toContain('Signed off since the last JAC (29 September 2022)');
    expect(paper.paragraphs).toContain('Since the last JAC, 11 have been signed off as complete:');
    expect(paper.tables[1]).toEqual([
      ['Report', 'Signed off as complete'],
      ['An inspection of vetting, misconduct, and misogyny in the police service', '6'],
      ['Review of policing domestic abuse during the pandemic 2021', '1'],
      ['Roads Policing – Not optional: an inspection of roads policing in England and Wales', '4'],
    ]);
    expect(paper.tables[2]).toEqual([
      ['Type', 'On the register', 'Added since the last JAC'],
      ['AFIs', '5', '5'],
      ['Causes of concern', '0', '0'],
      ['Recommendations', '11', '0'],
    ]);
    expect(paper.paragraphs).toContain(
      'There are 16 (+5) recommendations, causes of concern and AFIs on the register, 5 in progress; 5 added since the last JAC.',
    );
  });

  it('December 2020: the RAG counts; overdue items name their owners and give UK dates', async () => {
    await register.inspection('peel-2018', 'PEEL 2018/19', '2019-05-02', 'peel');
    const rated = (rag: 'red' | 'amber' | 'green', count: number) =>
      many(count, async (i) =>
        (
          await register.item(`${rag}-${i}`, {
            kind: 'recommendation',
            level: 3,
            inspectionId: 'peel-2018',
            openedOn: '2019-05-02',
            ...(rag === 'red' && i === 0 ? { dueDate: '2020-09-30' } : {}),
          })
        ).rate(rag, '2020-11-20'),
      );
    await rated('red', 6);
    await rated('amber', 54);
    await rated('green', 38);
    await side.projector.catchUp();

    const paper = await paperOf(await side.jac.jacReport({ asAt: '2020-12-22', previous: '2020-09-24', since: '2020-01-01' }));
    expect(paper.tables).toContainEqual([
      ['Red', 'Amber', 'Green', 'Not yet rated', 'Total'],
      ['6', '54', '38', '0', '98'],
    ]);
    expect(paper.tables).toContainEqual([
      ['Reference', 'Type and level', 'Owner', 'Due', 'Days overdue', 'Status'],
      ['red-0', 'Recommendation Lv3', 'Supt Asha Patel', '30 September 2020', '83', 'RAG rated'],
    ]);
  });

  it('the same report gives the same bytes: later, and in another time zone', async () => {
    await register.inspection('peel-2023', 'PEEL 2023/2025', '2023-09-29', 'peel');
    await register.item('A-1', { kind: 'recommendation', level: 3, inspectionId: 'peel-2023', openedOn: '2023-10-01' });
    await side.projector.catchUp();
    const report = await side.jac.jacReport({ asAt: '2024-06-27', previous: '2024-03-21', since: '2023-08-01', knownAt: '2026-01-01' });
    const first = await jacDocx(report, options);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const zone = process.env.TZ;
    process.env.TZ = 'Pacific/Auckland';
    try {
      expect((await jacDocx(report, options)).equals(first)).toBe(true);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    expect(readDocx(first).entries[0]).toBe('[Content_Types].xml');
  });

  it('words from the register are written as text, never as markup', async () => {
    await register.inspection('odd', 'Stop & search <w:t>"quoted"</w:t>', '2023-09-29', 'peel');
    await register.item('A-1', { kind: 'recommendation', level: 3, inspectionId: 'odd', openedOn: '2023-10-01' });
    await side.projector.catchUp();
    const paper = await paperOf(await side.jac.jacReport({ asAt: '2024-06-27', previous: '2024-03-21', since: '2023-08-01' }));
    expect(paper.paragraphs).toContain(
      'In relation to the 1 x Recommendations received during our Stop & search <w:t>"quoted"</w:t> report we have submitted the following for closure to date;',
    );
  });
});
