import { isClosed, statusOf, type Actor } from '@hmicfrs/lifecycle';
import { given } from './testing/given';
import {
  attached,
  chiefConstableLetter,
  dcc,
  histories,
  opened,
  owner,
  ownerAssigned,
  progressReport,
  rated,
  selfCertified,
  submitted,
  submittedAt,
  submittedToHmicfrs,
} from './testing/fixtures';

const both = [progressReport, chiefConstableLetter];

/** Submitted with the progress report only. */
const submittedWithoutLetter = (level: 2 | 3 | 4) => [
  opened({ level }),
  ownerAssigned(),
  rated(),
  attached(progressReport),
  submitted(owner, [progressReport]),
];

describe('APPROVE', () => {
  it('at level 2 self-certifies and closes the item', () => {
    const state = given(submittedAt(2))
      .when({ type: 'APPROVE' }, dcc)
      .then([selfCertified(dcc, 2, both)]);
    expect([statusOf(state), isClosed(state)]).toEqual(['self_certified', true]);
  });

  it('at level 3 self-certifies; the item waits for HMICFRS', () => {
    const state = given(submittedAt(3))
      .when({ type: 'APPROVE' }, dcc)
      .then([selfCertified(dcc, 3, both)]);
    expect([statusOf(state), isClosed(state)]).toEqual(['self_certified', false]);
  });

  it('at level 4 never self-certifies: the submission goes to HMICFRS, with or without a letter', () => {
    const state = given(submittedWithoutLetter(4))
      .when({ type: 'APPROVE' }, dcc)
      .then([submittedToHmicfrs(dcc, [progressReport])]);
    expect([statusOf(state), isClosed(state)]).toEqual(['awaiting_hmicfrs', false]);
  });

  it('names the evidence the DCC approved: a document by its SHA-256, a reference by where it is held', () => {
    const state = given(submittedAt(3))
      .when({ type: 'APPROVE' }, dcc)
      .then([selfCertified(dcc, 3, both)]);
    expect(state.context.approval).toEqual({
      approvedBy: dcc.userId,
      evidence: [
        { evidenceId: progressReport.evidenceId, sha256: progressReport.sha256 },
        { evidenceId: chiefConstableLetter.evidenceId, location: "Chief officers' correspondence file" },
      ],
    });
  });

  it.each([2, 3] as const)('at level %s needs the Chief Constable letter as evidence', (level) => {
    given(submittedWithoutLetter(level))
      .when({ type: 'APPROVE' }, dcc)
      .thenRefuses(new RegExp(`^APPROVE at level ${level} needs the Chief Constable letter as evidence$`), 'requirements_not_met');
  });

  it.each([2, 3, 4] as const)('at level %s is never by the officer who submitted', (level) => {
    const submitterWhoIsDcc: Actor = { userId: owner.userId, role: 'dcc' };
    given(submittedAt(level))
      .when({ type: 'APPROVE' }, submitterWhoIsDcc)
      .thenRefuses(/^The DCC who approves cannot be the officer who submitted$/, 'requirements_not_met');
  });

  it('names every failing rule at once', () => {
    const refusal = given(submittedWithoutLetter(3))
      .when({ type: 'APPROVE' }, { userId: owner.userId, role: 'dcc' })
      .thenRefuses(/Chief Constable letter/);
    expect(refusal).toMatchObject({
      missing: [
        'APPROVE at level 3 needs the Chief Constable letter as evidence',
        'The DCC who approves cannot be the officer who submitted',
      ],
    });
  });

  it.each(['open', 'rag_rated', 'selfCertifiedAwaitingVerification', 'awaitingHmicfrs', 'hmicfrsVerified'] as const)(
    'needs a submission: refused while %s',
    (state) => {
      given(histories[state])
        .when({ type: 'APPROVE' }, dcc)
        .thenRefuses(/^APPROVE is not possible while the item is/, 'not_allowed_now');
    },
  );
});
