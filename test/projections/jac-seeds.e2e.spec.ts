import { jacMarkdown } from '@hmicfrs/projections';
import { CommitteeRegister, many } from './support/committee';
import { openReadSide, type ReadSide } from './support/read-side';

/**
 * The committee papers in ../shared/domain/seeds, recreated as events: the report must print what the
 * committee was shown.
 */
describe('the JAC report prints what the seeds’ papers show', () => {
  let side: ReadSide;
  let register: CommitteeRegister;
  beforeEach(() => {
    side = openReadSide();
    register = new CommitteeRegister(side.store);
  });
  afterEach(() => side.close());

  it('27 June 2024: submissions for closure since August 2023 by type and level, with the change since the last JAC', async () => {
    await register.inspection('peel-2023', 'PEEL 2023/25', '2023-09-29');
    let n = 0;
    const submitted = (kind: 'area_for_improvement' | 'recommendation', level: 2 | 3 | 4, count: number, on: string) =>
      many(count, async () => {
        const item = await register.item(`J-${(n += 1)}`, { kind, level, inspectionId: 'peel-2023', openedOn: '2023-06-01' });
        await item.submit(on);
      });
    // Before the previous JAC (21 March 2024), since the change of process (1 August 2023)…
    await submitted('area_for_improvement', 3, 7, '2023-11-14');
    await submitted('area_for_improvement', 2, 6, '2024-01-09');
    await submitted('recommendation', 3, 25, '2023-10-02');
    await submitted('recommendation', 2, 48, '2024-02-20');
    // …and after it.
    await submitted('area_for_improvement', 2, 6, '2024-05-02');
    await submitted('recommendation', 4, 18, '2024-04-18');
    await submitted('recommendation', 3, 9, '2024-06-11');
    // Not counted: submitted before the change of process, submitted after the paper, never submitted.
    await submitted('recommendation', 3, 3, '2023-06-20');
    await submitted('recommendation', 2, 2, '2024-07-01');
    await many(5, (i) =>
      register.item(`OPEN-${i}`, { kind: 'recommendation', level: 3, inspectionId: 'peel-2023', openedOn: '2024-01-01' }),
    );
    await side.projector.catchUp();

    const report = await side.jac.jacReport({ asAt: '2024-06-27', previous: '2024-03-21', since: '2023-08-01' });
    const paper = jacMarkdown(report);
    expect(paper).toContain('## Submissions for closure since 1 August 2023');
    expect(paper).toContain(
      [
        '| Type and level | Total number submitted |',
        '| --- | --- |',
        '| AFI Lv3 | 7 |',
        '| AFI Lv2 | 12 (+6) |',
        '| Recommendation Lv4 | 18 (+18) |',
        '| Recommendation Lv3 | 34 (+9) |',
        '| Recommendation Lv2 | 48 |',
        // The paper printed "119 (+66)": its own rows add up to +33 (6 + 18 + 9), as the events must.
        '| **Total** | **119 (+33)** |',
      ].join('\n'),
    );
  });

  it('27 June 2024: PEEL 2023/25, received and submitted for closure to date by kind', async () => {
    await register.inspection('peel-2023', 'PEEL 2023/25', '2023-09-29');
    const peel = (kind: 'cause_of_concern' | 'recommendation' | 'area_for_improvement', received: number, submitted: number) =>
      many(received, async (i) => {
        const item = await register.item(`${kind}-${i}`, { kind, level: 4, inspectionId: 'peel-2023', openedOn: '2023-09-29' });
        if (i < submitted) await item.submit('2024-05-01');
      });
    await peel('cause_of_concern', 4, 3);
    await peel('recommendation', 23, 18);
    await peel('area_for_improvement', 17, 6);
    await side.projector.catchUp();

    const paper = jacMarkdown(await side.jac.jacReport({ asAt: '2024-06-27', previous: '2024-03-21', since: '2023-08-01' }));
    expect(paper).toContain('| PEEL 2023/25 | 23 received, 18 submitted | 4 received, 3 submitted | 17 received, 6 submitted |');
  });

  it('15 December 2022: 14 signed off since the last JAC, by report; 146 on the register, 43 recommendations and 5 AFIs added', async () => {
    const reports = [
      ['roads', 'Roads Policing – Not optional: an inspection of roads policing in England and Wales', 4],
      ['covid-da', 'Review of policing domestic abuse during the pandemic 2021', 1],
      ['spotlight', 'PEEL Spotlight report 2019 – Shining a light on betrayal', 3],
      ['vmm', 'An inspection of vetting, misconduct, and misogyny in the police service', 6],
    ] as const;
    for (const [id, title] of reports) await register.inspection(id, title, '2019-09-27');
    // 98 on the register at the last JAC (29 September 2022): the 14, one signed off before, and 83 others.
    let n = 0;
    for (const [id, , completed] of reports) {
      await many(completed, async () => {
        const item = await register.item(`S-${(n += 1)}`, { kind: 'recommendation', level: 3, inspectionId: id, openedOn: '2020-02-01' });
        await item.submit('2022-08-15');
        await item.signOff('2022-11-10');
      });
    }
    await many(98 - 14 - 1, (i) =>
      register.item(`OLD-${i}`, { kind: 'recommendation', level: 3, inspectionId: 'spotlight', openedOn: '2020-02-01' }),
    );
    // One signed off before the last JAC: closed, but not since.
    const earlier = await register.item('EARLIER-1', { kind: 'recommendation', level: 2, inspectionId: 'roads', openedOn: '2020-02-01' });
    await (await earlier.submit('2022-03-01')).signOff('2022-04-01');
    // Added since: the vetting inspection's 43 recommendations (17 for the IOPC or the NPCC) and 5 AFIs.
    await many(43, async (i) => {
      const item = await register.item(`VMM-R${i}`, { kind: 'recommendation', level: 2, inspectionId: 'vmm', openedOn: '2022-11-02' });
      if (i < 17) await item.notApplicable('2022-11-20');
    });
    await many(5, (i) =>
      register.item(`VMM-A${i}`, { kind: 'area_for_improvement', level: 2, inspectionId: 'vmm', openedOn: '2022-11-02' }),
    );
    await side.projector.catchUp();

    const report = await side.jac.jacReport({ asAt: '2022-12-15', previous: '2022-09-29', since: '2022-09-29' });
    const paper = jacMarkdown(report);
    expect(report.signedOff.total).toBe(14);
    expect(paper).toContain('## Signed off as complete since 29 September 2022: 14');
    expect(paper).toContain('### Roads Policing – Not optional: an inspection of roads policing in England and Wales: 4 completed');
    expect(paper).toContain('### Review of policing domestic abuse during the pandemic 2021: 1 completed');
    expect(paper).toContain('### PEEL Spotlight report 2019 – Shining a light on betrayal: 3 completed');
    expect(paper).toContain('### An inspection of vetting, misconduct, and misogyny in the police service: 6 completed');
    expect(paper).toContain('146 (+48) items on the register');
    expect(paper).toContain('| Recommendations | 141 | 43 |');
    expect(paper).toContain('| AFIs | 5 | 5 |');
  });

  it('December 2020: RAG ratings of the 98 recommendations reviewed: 6 red, 54 amber, 38 green', async () => {
    await register.inspection('peel-2018', 'PEEL 2018/19', '2019-05-02');
    const rated = (rag: 'red' | 'amber' | 'green', count: number) =>
      many(count, async (i) =>
        (await register.item(`${rag}-${i}`, { kind: 'recommendation', level: 3, inspectionId: 'peel-2018', openedOn: '2019-05-02' })).rate(
          rag,
          '2020-11-20',
        ),
      );
    await rated('red', 6);
    await rated('amber', 54);
    await rated('green', 38);
    // Signed off internally and by HMICFRS: no longer among those reviewed.
    const closed = await register.item('DONE-1', { kind: 'recommendation', level: 2, inspectionId: 'peel-2018', openedOn: '2019-05-02' });
    await (await closed.submit('2020-10-01')).signOff('2020-10-15');
    await side.projector.catchUp();

    const paper = jacMarkdown(await side.jac.jacReport({ asAt: '2020-12-22', previous: '2020-09-24', since: '2020-01-01' }));
    expect(paper).toContain(
      ['| Red | Amber | Green | Not yet rated | Total |', '| --- | --- | --- | --- | --- |', '| 6 | 54 | 38 | 0 | 98 |'].join('\n'),
    );
  });
});
