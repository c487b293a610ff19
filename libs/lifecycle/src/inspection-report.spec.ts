import {
  decideInspectionReport,
  EventDoesNotFit,
  replayInspectionReport,
  schemaVersions,
  type RecordInspectionReport,
} from '@hmicfrs/lifecycle';

const jtai: RecordInspectionReport = {
  type: 'RECORD_INSPECTION_REPORT',
  id: 'insp-jtai-coventry',
  reportType: 'jtai',
  title: 'Joint Targeted Area Inspection: the multi-agency response to serious youth violence in Coventry',
  publishedOn: '2024-05-17',
  fieldworkFrom: '2024-03-18',
  fieldworkTo: '2024-03-22',
};
const { type: _, ...recorded } = jtai;

describe('RECORD_INSPECTION_REPORT', () => {
  it('records the report with its type, publication and fieldwork dates', () => {
    expect(decideInspectionReport(undefined, jtai)).toEqual({
      ok: true,
      events: [{ type: 'InspectionReportRecorded', data: recorded }],
    });
  });

  it('leaves out fieldwork dates that are not known', () => {
    const { fieldworkFrom: _from, fieldworkTo: _to, ...withoutFieldwork } = jtai;
    expect(decideInspectionReport(undefined, withoutFieldwork)).toMatchObject({
      ok: true,
      events: [{ data: { id: jtai.id, reportType: 'jtai', title: jtai.title, publishedOn: jtai.publishedOn } }],
    });
  });

  it('is refused for a report already recorded', () => {
    expect(decideInspectionReport(recorded, jtai)).toMatchObject({ ok: false, refusal: { code: 'already_exists' } });
  });

  it('is refused when fieldwork ends before it starts, or after publication', () => {
    expect(decideInspectionReport(undefined, { ...jtai, fieldworkTo: '2024-03-01' })).toMatchObject({
      ok: false,
      refusal: { code: 'invalid', message: 'Fieldwork cannot end before it starts' },
    });
    expect(decideInspectionReport(undefined, { ...jtai, fieldworkTo: '2024-06-01' })).toMatchObject({
      ok: false,
      refusal: { code: 'invalid', message: 'Fieldwork cannot come after the report was published' },
    });
  });

  it('records the grades a report gives, once per area', () => {
    const peel: RecordInspectionReport = {
      type: 'RECORD_INSPECTION_REPORT',
      id: 'peel-2021',
      reportType: 'peel',
      title: 'PEEL 2021/22',
      publishedOn: '2022-03-31',
      gradings: [
        { area: ' Investigating crime ', grade: 'requires_improvement' },
        { area: 'Preventing crime', grade: 'good' },
      ],
    };
    expect(decideInspectionReport(undefined, peel)).toMatchObject({
      ok: true,
      events: [
        {
          data: {
            gradings: [
              { area: 'Investigating crime', grade: 'requires_improvement' },
              { area: 'Preventing crime', grade: 'good' },
            ],
          },
        },
      ],
    });
    expect(
      decideInspectionReport(undefined, { ...peel, gradings: [...peel.gradings!, { area: 'investigating crime', grade: 'good' }] }),
    ).toMatchObject({ ok: false, refusal: { code: 'invalid', message: 'An area is graded once in a report' } });
  });

  it('replays a report stream', () => {
    const event = {
      type: 'InspectionReportRecorded',
      data: recorded,
      metadata: { schemaVersion: schemaVersions.InspectionReportRecorded },
    };
    expect(replayInspectionReport([])).toBeUndefined();
    expect(replayInspectionReport([event])).toEqual(recorded);
    expect(() => replayInspectionReport([event, event])).toThrow(EventDoesNotFit);
  });
});
