import { decideIssuedPaper, replayIssuedPaper, schemaVersions, type IssuePaper } from '@hmicfrs/lifecycle';

const issue: IssuePaper = {
  type: 'ISSUE_PAPER',
  id: 'jac-2024-06-27',
  committeeDate: '2024-06-27',
  previousCommitteeDate: '2024-03-21',
  countedFrom: '2023-08-01',
  knownAt: '2024-06-24T15:00:00.000Z',
  contact: { name: 'T/Chief Inspector Fiona Fletcher', title: 'HMICFRS Force Liaison Officer' },
  sha256: 'a'.repeat(64),
  checkpoint: null,
};
const { type: _, ...issued } = issue;

describe('ISSUE_PAPER', () => {
  it('records the paper with what draws it up again', () => {
    expect(decideIssuedPaper(undefined, issue)).toEqual({ ok: true, events: [{ type: 'PaperIssued', data: issued }] });
  });

  it('is refused for a committee whose paper was issued already, a hash that is not one, and dates the wrong way round', () => {
    expect(decideIssuedPaper(issued, issue)).toMatchObject({ ok: false, refusal: { code: 'already_exists' } });
    expect(decideIssuedPaper(undefined, { ...issue, sha256: 'not a hash' })).toMatchObject({ ok: false, refusal: { code: 'invalid' } });
    expect(decideIssuedPaper(undefined, { ...issue, previousCommitteeDate: '2024-07-01' })).toMatchObject({
      ok: false,
      refusal: { code: 'invalid', message: "The previous committee date must be before this committee's date" },
    });
  });

  it('replays a paper stream', () => {
    const stored = { type: 'PaperIssued', data: issued, metadata: { schemaVersion: schemaVersions.PaperIssued } };
    expect(replayIssuedPaper([stored])).toEqual(issued);
    expect(() => replayIssuedPaper([stored, stored])).toThrow();
  });
});
