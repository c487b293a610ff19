import { allowedCommands, isClosed, refusalOf, replay, statusOf, upcast, type Actor, type RecommendationEvent } from '@hmicfrs/lifecycle';
import { given, stored } from './testing/given';
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
  rated('green'),
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

describe('APPROVE of an item not rated Green (issue 15)', () => {
  const confirmed = (event: RecommendationEvent): RecommendationEvent =>
    ({ ...event, data: { ...event.data, ratingConfirmed: true } }) as RecommendationEvent;

  it.each(['amber', 'red'] as const)('of an item rated %s is refused without the DCC confirming it, naming the field', (rag) => {
    const rated = rag === 'red' ? 'Red' : 'Amber';
    const refusal = given(submittedAt(3, rag))
      .when({ type: 'APPROVE' }, dcc)
      .thenRefuses(
        new RegExp(`^APPROVE of an item rated ${rated}, not Green, needs the DCC's confirmation that they approve it all the same$`),
        'requirements_not_met',
      );
    // Nobody else can supply it: the DCC does, in the command itself.
    expect(refusal).toMatchObject({ status: 'submitted', suppliedBy: [], field: 'confirmRating' });
    given(submittedAt(3, rag))
      .when({ type: 'APPROVE', confirmRating: false }, dcc)
      .thenRefuses(/needs the DCC's confirmation/, 'requirements_not_met');
  });

  it.each(['amber', 'red'] as const)('of an item rated %s, confirmed, is recorded with the confirmation', (rag) => {
    given(submittedAt(2, rag))
      .when({ type: 'APPROVE', confirmRating: true }, dcc)
      .then([confirmed(selfCertified(dcc, 2, both))]);
    const state = given(submittedAt(4, rag))
      .when({ type: 'APPROVE', confirmRating: true }, dcc)
      .then([confirmed(submittedToHmicfrs(dcc, both))]);
    expect(statusOf(state)).toBe('awaiting_hmicfrs');
  });

  it('of an item rated Green needs no confirmation', () => {
    given(submittedAt(3, 'green'))
      .when({ type: 'APPROVE' }, dcc)
      .then([selfCertified(dcc, 3, both)]);
  });

  it('lists the confirmation with the other things missing', () => {
    const history = [opened({ level: 3 }), ownerAssigned(), rated('amber'), attached(progressReport), submitted(owner, [progressReport])];
    const refusal = given(history)
      .when({ type: 'APPROVE' }, dcc)
      .thenRefuses(/Chief Constable letter/);
    expect(refusal).toMatchObject({
      missing: [
        'APPROVE at level 3 needs the Chief Constable letter as evidence',
        "APPROVE of an item rated Amber, not Green, needs the DCC's confirmation that they approve it all the same",
      ],
      suppliedBy: [{ role: 'owner', userId: owner.userId }],
      field: 'confirmRating',
    });
  });

  it('is offered for an Amber item: the question is asked with the approval, not before it', () => {
    const state = replay(stored(submittedAt(3, 'amber')))!;
    expect(allowedCommands(state, dcc)).toContain('APPROVE');
    expect(refusalOf(state, 'APPROVE', dcc)).toBeUndefined();
  });

  it("records a tracker's approval of an Amber item as given outside the system, unconfirmed", () => {
    const tracker = { fileName: 'tracker.xlsx', row: 12 };
    const stand: Actor = { userId: 'import:abc:dcc', role: 'dcc' };
    const approval = selfCertified(stand, 3, both);
    given(submittedAt(3, 'amber'))
      .when({ type: 'APPROVE', fromTracker: tracker }, stand)
      .then([{ ...approval, data: { ...approval.data, fromTracker: tracker } } as RecommendationEvent]);
  });

  it('replays approvals of Amber items recorded before the question was asked (version 2) as accepted, confirmation not recorded', () => {
    const approval = selfCertified(dcc, 3, both);
    const { ratingConfirmed: _, ...v2 } = approval.data as { ratingConfirmed: boolean };
    const old = { type: 'SelfCertified', data: v2, metadata: { schemaVersion: 2 } };
    expect(upcast(old).data).toEqual({ ...v2, ratingConfirmed: null });
    expect(statusOf(replay([...stored(submittedAt(3, 'amber')), old])!)).toBe('self_certified');
  });
});
