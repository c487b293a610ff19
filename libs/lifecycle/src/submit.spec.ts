import { statusOf } from '@hmicfrs/lifecycle';
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
  readyToSubmit,
  submitted,
  submittedAt,
} from './testing/fixtures';

describe('SUBMIT', () => {
  it('records the submitter and the evidence exactly as submitted', () => {
    const state = given(readyToSubmit(3))
      .when({ type: 'SUBMIT' }, owner)
      .then([submitted(owner, [progressReport, chiefConstableLetter])]);
    expect(statusOf(state)).toBe('submitted');
  });

  it('needs an owner', () => {
    given([opened(), rated(), attached(progressReport)])
      .when({ type: 'SUBMIT' }, owner)
      .thenRefuses(/^SUBMIT needs an owner$/, 'requirements_not_met');
  });

  it('needs at least one piece of evidence', () => {
    given([opened(), ownerAssigned(), rated()])
      .when({ type: 'SUBMIT' }, owner)
      .thenRefuses(/^SUBMIT needs at least one piece of evidence$/, 'requirements_not_met');
  });

  it('names everything that is missing', () => {
    const refusal = given([opened(), rated()])
      .when({ type: 'SUBMIT' }, owner)
      .thenRefuses(/SUBMIT needs an owner/);
    expect(refusal).toMatchObject({
      status: 'rag_rated',
      missing: ['SUBMIT needs an owner', 'SUBMIT needs at least one piece of evidence'],
      // Without an owner, the liaison officer supplies both: they assign one first.
      suppliedBy: [{ role: 'liaison' }],
    });
  });

  it('says who can supply what is missing: the owner, by id', () => {
    const refusal = given([opened(), ownerAssigned(), rated()])
      .when({ type: 'SUBMIT' }, owner)
      .thenRefuses(/evidence/, 'requirements_not_met');
    expect(refusal).toMatchObject({ suppliedBy: [{ role: 'owner', userId: owner.userId }] });
  });

  it('needs a RAG rating: an open item has none', () => {
    given([opened(), ownerAssigned(), attached(progressReport)])
      .when({ type: 'SUBMIT' }, owner)
      .thenRefuses(/SUBMIT is not possible while the item is open and not yet RAG rated/, 'not_allowed_now');
  });

  it('is not for level 1 items, which HMICFRS closes and archives', () => {
    given(readyToSubmit(1))
      .when({ type: 'SUBMIT' }, owner)
      .thenRefuses(/SUBMIT is not possible at level 1: HMICFRS closes and archives level 1 items/);
  });

  it('is refused while a submission is pending', () => {
    given(submittedAt(3))
      .when({ type: 'SUBMIT' }, owner)
      .thenRefuses(/while the item is submitted/, 'not_allowed_now');
  });
});

describe('WITHDRAW and RETURN', () => {
  it('WITHDRAW takes the submission back to rag_rated', () => {
    const state = given(submittedAt(3))
      .when({ type: 'WITHDRAW' }, owner)
      .then([{ type: 'SubmissionWithdrawn', data: {} }]);
    expect([statusOf(state), state.context.submission]).toEqual(['rag_rated', null]);
  });

  it('RETURN by the DCC takes it back to rag_rated, with the reason', () => {
    const returned = { type: 'ClosureReturned', data: { reason: 'The dip sample is a year old' } } as const;
    const state = given(submittedAt(3)).when({ type: 'RETURN', reason: 'The dip sample is a year old' }, dcc).then([returned]);
    expect(statusOf(state)).toBe('rag_rated');
    given([...submittedAt(3), returned])
      .when({ type: 'SUBMIT' }, owner)
      .then([submitted(owner, [progressReport, chiefConstableLetter])]);
  });

  it.each([
    ['WITHDRAW', { type: 'WITHDRAW' }],
    ['RETURN', { type: 'RETURN', reason: 'Not ready' }],
  ] as const)('%s needs a submission', (name, command) => {
    given(histories.rag_rated)
      .when(command, dcc)
      .thenRefuses(new RegExp(`${name} is not possible while the item is RAG rated`));
  });
});

describe('evidence', () => {
  it('can be attached and removed before submission', () => {
    const state = given([opened()])
      .when({ type: 'ATTACH_EVIDENCE', ...progressReport }, owner)
      .then([attached(progressReport)]);
    expect(state.context.evidence).toEqual([progressReport]);
    const after = given([opened(), rated(), attached(progressReport)])
      .when({ type: 'REMOVE_EVIDENCE', evidenceId: progressReport.evidenceId }, owner)
      .then([{ type: 'EvidenceRemoved', data: { evidenceId: progressReport.evidenceId } }]);
    expect(after.context.evidence).toEqual([]);
  });

  it('cannot be attached twice under one id', () => {
    given([opened(), attached(progressReport)])
      .when({ type: 'ATTACH_EVIDENCE', ...progressReport }, owner)
      .thenRefuses(/ATTACH_EVIDENCE names evidence that is already attached to this item/);
  });

  it('cannot be removed when it is not attached', () => {
    given([opened(), attached(progressReport)])
      .when({ type: 'REMOVE_EVIDENCE', evidenceId: 'ev-unknown' }, owner)
      .thenRefuses(/REMOVE_EVIDENCE names evidence that is not attached to this item/);
  });

  it.each(['submitted', 'selfCertifiedAwaitingVerification', 'awaitingHmicfrs', 'hmicfrsVerified'] as const)(
    'cannot change once the item is submitted (%s): approval is tied to what was approved',
    (state) => {
      given(histories[state])
        .when({ type: 'ATTACH_EVIDENCE', ...progressReport, evidenceId: 'ev-late' }, owner)
        .thenRefuses(/ATTACH_EVIDENCE is not possible while the item is/, 'not_allowed_now');
      given(histories[state])
        .when({ type: 'REMOVE_EVIDENCE', evidenceId: progressReport.evidenceId }, owner)
        .thenRefuses(/REMOVE_EVIDENCE is not possible while the item is/, 'not_allowed_now');
    },
  );

  it('can change again once the submission is withdrawn', () => {
    given([...submittedAt(3), { type: 'SubmissionWithdrawn', data: {} }])
      .when({ type: 'REMOVE_EVIDENCE', evidenceId: progressReport.evidenceId }, owner)
      .then([{ type: 'EvidenceRemoved', data: { evidenceId: progressReport.evidenceId } }]);
  });
});
