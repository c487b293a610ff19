import { decideInspectionActivity, replayInspectionActivity, schemaVersions, type RecordInspectionActivity } from '@hmicfrs/lifecycle';

const revisit: RecordInspectionActivity = {
  type: 'RECORD_INSPECTION_ACTIVITY',
  id: 'marac-revisit',
  inspectionType: 're_visit',
  title: 'MARAC re-visit',
  fieldworkFrom: '2024-05-20',
  fieldworkTo: '2024-05-22',
  revisits: ['COC-MARAC'],
  purpose: 'HMIC returned into force to measure our progress against this cause of concern.',
};
const { type: _, ...recorded } = revisit;

describe('inspection activity', () => {
  it('records fieldwork with what it re-visits, then the debrief', () => {
    expect(decideInspectionActivity(undefined, revisit)).toEqual({
      ok: true,
      events: [{ type: 'InspectionActivityRecorded', data: recorded }],
    });
    const state = { ...recorded, debrief: null };
    expect(decideInspectionActivity(state, { type: 'NOTE_INSPECTION_DEBRIEF', notes: 'Improvements recognised' })).toEqual({
      ok: true,
      events: [{ type: 'InspectionDebriefNoted', data: { notes: 'Improvements recognised' } }],
    });
  });

  it('is refused twice, with fieldwork ending before it starts, a cause of concern named twice, or a debrief of nothing', () => {
    expect(decideInspectionActivity({ ...recorded, debrief: null }, revisit)).toMatchObject({
      ok: false,
      refusal: { code: 'already_exists' },
    });
    expect(decideInspectionActivity(undefined, { ...revisit, fieldworkTo: '2024-05-01' })).toMatchObject({
      ok: false,
      refusal: { code: 'invalid', message: 'Fieldwork cannot end before it starts' },
    });
    expect(decideInspectionActivity(undefined, { ...revisit, revisits: ['COC-1', 'COC-1'] })).toMatchObject({
      ok: false,
      refusal: { code: 'invalid' },
    });
    expect(decideInspectionActivity(undefined, { type: 'NOTE_INSPECTION_DEBRIEF', notes: 'x' })).toMatchObject({
      ok: false,
      refusal: { code: 'no_such_item' },
    });
  });

  it('replays its stream, the latest debrief last', () => {
    const meta = (type: keyof typeof schemaVersions) => ({ metadata: { schemaVersion: schemaVersions[type] } });
    const stream = [
      { type: 'InspectionActivityRecorded', data: recorded, ...meta('InspectionActivityRecorded') },
      { type: 'InspectionDebriefNoted', data: { notes: 'first' }, ...meta('InspectionDebriefNoted') },
      { type: 'InspectionDebriefNoted', data: { notes: 'second' }, ...meta('InspectionDebriefNoted') },
    ];
    expect(replayInspectionActivity(stream)).toEqual({ ...recorded, debrief: 'second' });
    expect(() => replayInspectionActivity(stream.slice(1))).toThrow();
  });
});
