import { refusalOf, replay, statusOf, upcast } from '@hmicfrs/lifecycle';
import { given, stored } from './testing/given';
import {
  approvedAt,
  chiefConstableLetter,
  dcc,
  hmicfrs,
  progressReport,
  readyToSubmit,
  submitted,
  owner,
  histories,
} from './testing/fixtures';

const evidence = [progressReport, chiefConstableLetter];
const refs = [
  { evidenceId: progressReport.evidenceId, sha256: progressReport.sha256 },
  { evidenceId: chiefConstableLetter.evidenceId, location: chiefConstableLetter.heldElsewhere.location },
];

describe('decisions with comments (issue 15)', () => {
  it('an approval records what the DCC said with it', () => {
    given(histories.submitted)
      .when({ type: 'APPROVE', comment: '  The dip sample shows the flag in use  ' }, dcc)
      .then([
        {
          type: 'SelfCertified',
          data: {
            approvedBy: dcc.userId,
            level: 3,
            evidence: refs,
            comment: 'The dip sample shows the flag in use',
            ratingConfirmed: false,
          },
        },
      ]);
  });

  it('an approval without a comment, or with a blank one, records none', () => {
    for (const command of [{ type: 'APPROVE' } as const, { type: 'APPROVE', comment: '   ' } as const]) {
      given(approvedAt(4).slice(0, -1))
        .when(command, dcc)
        .then([{ type: 'SubmittedToHmicfrs', data: { approvedBy: dcc.userId, evidence: refs, comment: null, ratingConfirmed: false } }]);
    }
  });

  it('a verification records the inspection that verified it, recorded or named, and the comment', () => {
    given(approvedAt(3))
      .when({ type: 'VERIFY', inspection: { activityId: 'soms-revisit-2024' }, comment: 'Seen in the re-visit' }, hmicfrs)
      .then([
        {
          type: 'HmicfrsVerified',
          data: { verifiedBy: hmicfrs.userId, comment: 'Seen in the re-visit', inspection: { activityId: 'soms-revisit-2024' } },
        },
      ]);
    const state = given(approvedAt(4))
      .when({ type: 'VERIFY', inspection: { named: ' PEEL 2025 fieldwork ' } }, hmicfrs)
      .then([
        { type: 'HmicfrsVerified', data: { verifiedBy: hmicfrs.userId, comment: null, inspection: { named: 'PEEL 2025 fieldwork' } } },
      ]);
    expect(statusOf(state)).toBe('hmicfrs_verified');
  });

  it('an approval the rules refuse says what is missing and who can supply it: the owner', () => {
    const withoutLetter = [
      ...readyToSubmit(3).filter((event) => event.type !== 'EvidenceAttached' || event.data.evidenceId !== chiefConstableLetter.evidenceId),
    ];
    const history = [...withoutLetter, submitted(owner, [progressReport])];
    const refusal = given(history)
      .when({ type: 'APPROVE', comment: 'x' }, dcc)
      .thenRefuses(/needs the Chief Constable letter/, 'requirements_not_met');
    const theOwner = [{ role: 'owner', userId: owner.userId }];
    expect(refusal).toMatchObject({ missing: ['APPROVE at level 3 needs the Chief Constable letter as evidence'], suppliedBy: theOwner });
    // Asked without a command's content, as the pages ask before offering it.
    expect(refusalOf(replay(stored(history))!, 'APPROVE', dcc)).toMatchObject({ suppliedBy: theOwner });
    expect(refusalOf(replay(stored(histories.submitted))!, 'APPROVE', dcc)).toBeUndefined();
  });

  it('reads decisions recorded before comments were kept (version 1) as saying none, and asked no confirmation of a rating', () => {
    const v1 = [
      { type: 'SelfCertified', data: { approvedBy: 'd', level: 3, evidence: [] }, metadata: { schemaVersion: 1 } },
      { type: 'SubmittedToHmicfrs', data: { approvedBy: 'd', evidence: [] }, metadata: { schemaVersion: 1 } },
      { type: 'HmicfrsVerified', data: { verifiedBy: 'h' }, metadata: { schemaVersion: 1 } },
    ];
    expect(v1.map((event) => upcast(event).data)).toEqual([
      { approvedBy: 'd', level: 3, evidence: [], comment: null, ratingConfirmed: null },
      { approvedBy: 'd', evidence: [], comment: null, ratingConfirmed: null },
      { verifiedBy: 'h', comment: null, inspection: null },
    ]);
    // An old history still replays to where it stood.
    const history = stored([...readyToSubmit(3), submitted(owner, evidence)]);
    const old = [...history, { ...v1[0], data: { approvedBy: dcc.userId, level: 3, evidence: refs } }, { ...v1[2], data: {} }];
    expect(statusOf(replay(old)!)).toBe('hmicfrs_verified');
  });
});
