import { startApi, type RunningApi } from '../support/running-api';
import { ApiCommittee, PEOPLE, many } from './support/api-committee';

/**
 * The committee papers in ../shared/domain/seeds drawn up again as the force would: every fact entered
 * over the JSON API on the day it happened, the Word paper downloaded from GET /reports/jac?format=docx,
 * and its tables read back out of the document and compared with the numbers the paper printed.
 */
describe('the seeds’ papers, entered over the API and downloaded as Word documents', () => {
  jest.setTimeout(180_000);
  let api: RunningApi;
  let committee: ApiCommittee;
  beforeEach(async () => {
    api = await startApi({}, { people: PEOPLE });
    committee = new ApiCommittee(api);
  });
  afterEach(() => api.close());

  it('27 June 2024 (seed 000): submissions for closure since August 2023 by type and level, with the change since the last JAC', async () => {
    await committee.inspection('peel-2023', 'PEEL 2023/2025', '2023-09-29', 'peel');
    let n = 0;
    const submitted = (kind: 'area_for_improvement' | 'recommendation', level: 2 | 3 | 4, count: number, on: string) =>
      many(count, async () => {
        const item = await committee.item(`J-${(n += 1)}`, { kind, level, inspectionId: 'peel-2023', openedOn: '2023-09-29' });
        await item.submit(on);
      });
    // Before the previous JAC (21 March 2024)…
    await submitted('area_for_improvement', 3, 7, '2023-11-14');
    await submitted('area_for_improvement', 2, 6, '2024-01-09');
    await submitted('recommendation', 3, 25, '2023-10-02');
    await submitted('recommendation', 2, 48, '2024-02-20');
    // …and after it.
    await submitted('area_for_improvement', 2, 6, '2024-05-02');
    await submitted('recommendation', 4, 18, '2024-04-18');
    await submitted('recommendation', 3, 9, '2024-06-11');
    // Not counted: submitted after the paper; never submitted.
    await submitted('recommendation', 2, 2, '2024-07-01');
    await many(3, (i) =>
      committee.item(`OPEN-${i}`, { kind: 'recommendation', level: 3, inspectionId: 'peel-2023', openedOn: '2024-01-01' }),
    );

    const paper = await committee.paper({ asAt: '2024-06-27', previous: '2024-03-21', since: '2023-08-01' });
    expect(paper.paragraphs).toContain('Total submissions for closure since change of HMIC process (August 2023) across all portfolios:');
    expect(paper.tables[0]).toEqual([
      ['Closed (since Aug 2023)', 'Total Number submitted'],
      ['AFI Lv3', '7'],
      ['AFI Lv2', '12 (+6)'],
      ['Recommendation Lv4', '18 (+18)'],
      ['Recommendation Lv3', '34 (+9)'],
      ['Recommendation Lv2', '48'],
      // The paper printed "119 (+66)": its own rows add up to +33 (6 + 18 + 9), as the events must.
      ['Total', '119 (+33)'],
    ]);
  });

  it('27 June 2024 (seed 000): PEEL 2023/2025 received against submitted, and the reports published since the last JAC with their grading', async () => {
    await committee.inspection('peel-2023', 'PEEL 2023/2025', '2023-09-29', 'peel');
    const peel = (kind: 'cause_of_concern' | 'recommendation' | 'area_for_improvement', received: number, submitted: number) =>
      many(received, async (i) => {
        const item = await committee.item(`${kind}-${i}`, { kind, level: 4, inspectionId: 'peel-2023', openedOn: '2023-09-29' });
        if (i < submitted) await item.submit('2024-05-01');
      });
    await peel('cause_of_concern', 4, 3);
    await peel('recommendation', 23, 18);
    await peel('area_for_improvement', 17, 6);
    // "I. An inspection of the West Midlands regional response to serious and organised crime – Published
    // 14th May 2024 … Received an Adequate grading … 10 x areas for improvement and 1 x cause of concern
    // … only 3 x AFI's were relevant for WMP."
    await committee.inspection(
      'soc-region',
      'An inspection of the West Midlands regional response to serious and organised crime',
      '2024-05-14',
      'thematic',
      [
        { area: 'The Regional Organised Crime Unit for the West Midlands', grade: 'adequate' },
        { area: 'West Midlands Police', grade: 'adequate' },
      ],
    );
    await many(10, async (i) => {
      const afi = await committee.item(`SOC-AFI-${i + 1}`, {
        kind: 'area_for_improvement',
        level: 2,
        inspectionId: 'soc-region',
        openedOn: '2024-05-14',
      });
      if (i >= 3) await afi.notApplicable('2024-05-20', 'West Midlands ROCU');
    });
    await (
      await committee.item('SOC-COC-1', { kind: 'cause_of_concern', level: 4, inspectionId: 'soc-region', openedOn: '2024-05-14' })
    ).notApplicable('2024-05-20', 'West Midlands ROCU');
    // "II. Joint Targeted Area Inspection … Coventry – Published 17th May 2024 … no recommendations specific to policing."
    await committee.inspection(
      'jtai-coventry',
      'Joint Targeted Area Inspection: The multi-agency response to serious youth violence in Coventry',
      '2024-05-17',
      'jtai',
    );

    const paper = await committee.paper({ asAt: '2024-06-27', previous: '2024-03-21', since: '2023-08-01' });
    expect(paper.paragraphs).toContain(
      'In relation to the 4 x Causes of Concern, 23 x Recommendations and 17 x Areas for Improvement received during our PEEL 2023/2025 report we have submitted the following for closure to date;',
    );
    const peelLines = paper.paragraphs.indexOf('3 x Causes of Concern');
    expect(paper.paragraphs.slice(peelLines, peelLines + 3)).toEqual([
      '3 x Causes of Concern',
      '18 x Recommendations',
      '6 x Areas for Improvement',
    ]);
    const published = paper.paragraphs.indexOf('3. National Published Reports and Recommendations');
    expect(paper.paragraphs.slice(published, published + 7)).toEqual([
      '3. National Published Reports and Recommendations',
      'I. An inspection of the West Midlands regional response to serious and organised crime – Published 14 May 2024',
      'The Regional Organised Crime Unit for the West Midlands: Received an Adequate grading',
      'West Midlands Police: Received an Adequate grading',
      'There were 3 x AFIs for the force, and 1 x Cause of concern and 7 x AFIs for other bodies.',
      'II. Joint Targeted Area Inspection: The multi-agency response to serious youth violence in Coventry – Published 17 May 2024',
      'There were no recommendations for the force from this report.',
    ]);
  });

  it('27 June 2024 (seed 000): inspection activity since the last JAC, the causes of concern each re-visit re-examined, and nothing forthcoming', async () => {
    await committee.inspection('peel-2023', 'PEEL 2023/2025', '2023-09-29', 'peel');
    for (const [id, text] of [
      ['COC-SOMS', 'Managing sex offenders (SOMS)'],
      ['COC-OCSET', 'Online child sexual exploitation (OCSET)'],
      ['COC-MARAC', 'Multi-agency risk assessment conferences (MARAC)'],
    ]) {
      await committee.item(id, { kind: 'cause_of_concern', level: 4, inspectionId: 'peel-2023', openedOn: '2023-09-29', text });
    }
    // Before the previous JAC (21 March 2024): not in this paper.
    await committee.activity('2023-09-01', {
      id: 'peel-2023-fieldwork',
      inspectionType: 'peel',
      title: 'PEEL fieldwork',
      fieldworkFrom: '2023-09-11',
      fieldworkTo: '2023-09-22',
    });
    await committee.activity(
      '2024-04-10',
      {
        id: 'soms-ocset-revisit',
        inspectionType: 're_visit',
        title: 'SOMS & OCSET re-visit',
        fieldworkFrom: '2024-04-29',
        fieldworkTo: '2024-05-02',
        revisits: ['COC-SOMS', 'COC-OCSET'],
        purpose: 'HMIC returned to force in order to measure our progress against the two causes of concern we received in these areas.',
      },
      { on: '2024-05-03', notes: 'The early hot-debrief recognised improvements having been made.' },
    );
    await committee.activity('2024-05-01', {
      id: 'marac-revisit',
      inspectionType: 're_visit',
      title: 'MARAC re-visit',
      fieldworkFrom: '2024-05-20',
      fieldworkTo: '2024-05-22',
      revisits: ['COC-MARAC'],
      purpose: 'HMIC returned into force to measure our progress against this cause of concern.',
    });
    await committee.activity('2024-05-15', {
      id: 'crime-thematic',
      inspectionType: 'thematic',
      title: 'Crime Investigations Thematic',
      fieldworkFrom: '2024-06-10',
      fieldworkTo: '2024-06-13',
      purpose: 'We were 1 of 6 forces being inspected as HMICFRS seek to identify good practice that can be shared nationally.',
    });

    const paper = await committee.paper({ asAt: '2024-06-27', previous: '2024-03-21', since: '2023-08-01' });
    const section = paper.paragraphs.indexOf('4. Inspection Activity');
    expect(paper.paragraphs.slice(section, section + 11)).toEqual([
      '4. Inspection Activity',
      'Since the last JAC, the force has hosted the following inspection activity in force;',
      'a) 29 April 2024 – 2 May 2024 – SOMS & OCSET re-visit. HMIC returned to force in order to measure our progress against the two causes of concern we received in these areas.',
      'Re-visiting COC-SOMS: Managing sex offenders (SOMS)',
      'Re-visiting COC-OCSET: Online child sexual exploitation (OCSET)',
      'Debrief: The early hot-debrief recognised improvements having been made.',
      'b) 20 May 2024 – 22 May 2024 – MARAC re-visit. HMIC returned into force to measure our progress against this cause of concern.',
      'Re-visiting COC-MARAC: Multi-agency risk assessment conferences (MARAC)',
      'c) 10 June 2024 – 13 June 2024 – Crime Investigations Thematic. We were 1 of 6 forces being inspected as HMICFRS seek to identify good practice that can be shared nationally.',
      'Forthcoming HMICFRS Activity & Inspections',
      'There are no further Inspections currently in the calendar.',
    ]);
  });

  it('22 December 2021 (seed 002): the PEEL 2021 gradings across the eleven business areas, under the five grades', async () => {
    // The paper does not give the report's publication day; it came after the previous JAC.
    await committee.inspection('peel-2021', 'PEEL 2021', '2021-11-30', 'peel', [
      { area: 'Preventing crime', grade: 'good' },
      { area: 'Recording data about crime', grade: 'good' },
      { area: 'Treatment of the public', grade: 'good' },
      { area: 'Disrupting serious organised crime', grade: 'good' },
      { area: 'Good use of resources', grade: 'good' },
      { area: 'Responding to the public', grade: 'adequate' },
      { area: 'Managing offenders', grade: 'adequate' },
      { area: 'Developing a positive workplace', grade: 'adequate' },
      { area: 'Investigating crime', grade: 'requires_improvement' },
      { area: 'Supporting victims', grade: 'requires_improvement' },
      { area: 'Protecting vulnerable people', grade: 'requires_improvement' },
    ]);
    await many(4, (i) =>
      committee.item(`PEEL21-AFI-${i + 1}`, { kind: 'area_for_improvement', level: 2, inspectionId: 'peel-2021', openedOn: '2021-11-30' }),
    );

    const paper = await committee.paper({ asAt: '2021-12-22', previous: '2021-09-30', since: '2021-09-30' });
    expect(paper.paragraphs).toContain('The PEEL 2021 report has awarded the below gradings across the eleven business areas.');
    // The paper's table, column by column as it printed it.
    expect(paper.tables).toContainEqual([
      ['Outstanding', 'Good', 'Adequate', 'Requires improvement', 'Inadequate'],
      ['', 'Preventing crime', 'Responding to the public', 'Investigating crime', ''],
      ['', 'Recording data about crime', 'Managing offenders', 'Supporting victims', ''],
      ['', 'Treatment of the public', 'Developing a positive workplace', 'Protecting vulnerable people', ''],
      ['', 'Disrupting serious organised crime', '', '', ''],
      ['', 'Good use of resources', '', '', ''],
    ]);
    expect(paper.paragraphs).toContain('There were 4 x AFIs for the force.');
  });

  it('15 December 2022 (seed 004): 14 signed off since the last JAC by report; 146 (+48) on the register, 43 recommendations and 5 AFIs added', async () => {
    const reports = [
      ['roads', 'Roads Policing – Not optional: an inspection of roads policing in England and Wales', '2020-07-21'],
      ['covid-da', 'Review of policing domestic abuse during the pandemic 2021', '2021-06-22'],
      ['spotlight', 'PEEL Spotlight report 2019 – Shining a light on betrayal', '2019-09-27'],
      ['vmm', 'An inspection of vetting, misconduct, and misogyny in the police service', '2022-11-02'],
    ] as const;
    for (const [id, title, publishedOn] of reports) await committee.inspection(id, title, publishedOn);
    // 98 on the register at the last JAC (29 September 2022).
    let n = 0;
    const signedOff = (inspectionId: string, count: number, openedOn: string, submittedOn: string, signedOn: string) =>
      many(count, async () => {
        const item = await committee.item(`S-${(n += 1)}`, { kind: 'recommendation', level: 3, inspectionId, openedOn });
        await (await item.submit(submittedOn)).signOff(signedOn);
      });
    await signedOff('roads', 4, '2020-08-01', '2022-08-15', '2022-11-10');
    await signedOff('covid-da', 1, '2021-07-01', '2022-08-15', '2022-11-10');
    await signedOff('spotlight', 3, '2020-02-01', '2022-08-15', '2022-11-10');
    // One signed off before the last JAC: closed, but not since.
    await (
      await (
        await committee.item('EARLIER-1', { kind: 'recommendation', level: 2, inspectionId: 'roads', openedOn: '2020-08-01' })
      ).submit('2022-03-01')
    ).signOff('2022-04-01');
    await many(98 - 8 - 1, (i) =>
      committee.item(`OLD-${i}`, { kind: 'recommendation', level: 3, inspectionId: 'spotlight', openedOn: '2020-02-01' }),
    );
    // Since: the vetting inspection's 43 recommendations (17 for the IOPC or the NPCC; six already
    // completed from evidence gathered for others) and 5 areas for improvement.
    await signedOff('vmm', 6, '2022-11-02', '2022-11-20', '2022-12-01');
    await many(37, async (i) => {
      const item = await committee.item(`VMM-R${i}`, { kind: 'recommendation', level: 2, inspectionId: 'vmm', openedOn: '2022-11-02' });
      if (i < 17) await item.notApplicable('2022-11-20', i % 2 === 0 ? 'IOPC' : 'NPCC');
    });
    await many(5, (i) =>
      committee.item(`VMM-A${i}`, { kind: 'area_for_improvement', level: 2, inspectionId: 'vmm', openedOn: '2022-11-02' }),
    );

    const paper = await committee.paper({ asAt: '2022-12-15', previous: '2022-09-29', since: '2022-09-29' });
    expect(paper.paragraphs).toContain('Signed off since the last JAC (29 September 2022)');
    expect(paper.paragraphs).toContain('Since the last JAC, 14 have been signed off as complete:');
    expect(paper.tables).toContainEqual([
      ['Report', 'Signed off as complete'],
      ['An inspection of vetting, misconduct, and misogyny in the police service', '6'],
      ['PEEL Spotlight report 2019 – Shining a light on betrayal', '3'],
      ['Review of policing domestic abuse during the pandemic 2021', '1'],
      ['Roads Policing – Not optional: an inspection of roads policing in England and Wales', '4'],
    ]);
    expect(paper.tables).toContainEqual([
      ['Type', 'On the register', 'Added since the last JAC'],
      ['AFIs', '5', '5'],
      ['Causes of concern', '0', '0'],
      ['Recommendations', '141', '43'],
    ]);
    expect(paper.paragraphs).toContain(
      'There are 146 (+48) recommendations, causes of concern and AFIs on the register, 114 in progress; 48 added since the last JAC.',
    );
    // "Since the last JAC, there has been one published report and it is a national thematic report."
    const published = paper.paragraphs.indexOf('3. National Published Reports and Recommendations');
    expect(paper.paragraphs.slice(published + 1, published + 3)).toEqual([
      'I. An inspection of vetting, misconduct, and misogyny in the police service – Published 2 November 2022',
      // "Out of the 43 recommendations 26 have been recommended to police forces which leaves 17 … IOPC or NPCC".
      'There were 26 x Recommendations and 5 x AFIs for the force, and 17 x Recommendations for other bodies.',
    ]);
  });

  it('December 2020 (seed 001): RAG ratings of the 98 recommendations reviewed, and a report whose recommendations are all for other bodies', async () => {
    await committee.inspection('peel-2018', 'PEEL 2018/19', '2019-05-02', 'peel');
    const rated = (rag: 'red' | 'amber' | 'green', count: number) =>
      many(count, async (i) =>
        (await committee.item(`${rag}-${i}`, { kind: 'recommendation', level: 3, inspectionId: 'peel-2018', openedOn: '2019-05-02' })).rate(
          rag,
          '2020-11-20',
        ),
      );
    await rated('red', 6);
    await rated('amber', 54);
    await rated('green', 38);
    // "HMICFRS made seven recommendations that are all for either the NCA or other agencies to progress."
    await committee.inspection(
      'nca-rocu',
      'An inspection of the National Crime Agency’s relationship with regional organised crime units',
      '2020-11-12',
    );
    await many(7, async (i) =>
      (
        await committee.item(`NCA-${i + 1}`, { kind: 'recommendation', level: 2, inspectionId: 'nca-rocu', openedOn: '2020-11-12' })
      ).notApplicable('2020-11-13', 'NCA'),
    );

    // "HMICFRS has confirmed that the West Midlands police PEEL inspection will take place between the 14 June and 10th July."
    await committee.activity('2020-12-01', {
      id: 'peel-2021-fieldwork',
      inspectionType: 'peel',
      title: 'PEEL inspection',
      fieldworkFrom: '2021-06-14',
      fieldworkTo: '2021-07-10',
    });

    const paper = await committee.paper({ asAt: '2020-12-22', previous: '2020-09-24', since: '2020-01-01' });
    const forthcoming = paper.paragraphs.indexOf('Forthcoming HMICFRS Activity & Inspections');
    expect(paper.paragraphs.slice(forthcoming + 1, forthcoming + 2)).toEqual(['a) 14 June 2021 – 10 July 2021 – PEEL inspection.']);
    expect(paper.tables).toContainEqual([
      ['Red', 'Amber', 'Green', 'Not yet rated', 'Total'],
      ['6', '54', '38', '0', '98'],
    ]);
    const published = paper.paragraphs.indexOf('3. National Published Reports and Recommendations');
    expect(paper.paragraphs.slice(published + 1, published + 3)).toEqual([
      'I. An inspection of the National Crime Agency’s relationship with regional organised crime units – Published 12 November 2020',
      'There were no recommendations for the force from this report; 7 x Recommendations for other bodies.',
    ]);
  });
});
