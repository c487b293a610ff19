import { isClosed, statusOf } from '@hmicfrs/lifecycle';
import { given } from './testing/given';
import {
  archived,
  chiefConstableLetter,
  closed,
  hmicfrs,
  histories,
  inProgress,
  opened,
  owner,
  progressReport,
  submitted,
} from './testing/fixtures';

describe('CLOSE_AND_ARCHIVE by HMICFRS', () => {
  it.each([
    ['open', 3],
    ['rag_rated', 3],
    ['submitted', 3],
    ['selfCertifiedAwaitingVerification', 3],
    ['awaitingHmicfrs', 4],
  ] as const)('archives an item %s (level %s) at level 1', (name, fromLevel) => {
    const state = given(histories[name])
      .when({ type: 'CLOSE_AND_ARCHIVE' }, hmicfrs)
      .then([archived(fromLevel)]);
    expect([statusOf(state), isClosed(state), state.context.level]).toEqual(['archived', true, 1]);
  });

  it.each([...closed, 'notApplicable'] as const)('is refused for an item %s', (name) => {
    given(histories[name])
      .when({ type: 'CLOSE_AND_ARCHIVE' }, hmicfrs)
      .thenRefuses(/^CLOSE_AND_ARCHIVE is not possible while the item is/, 'not_allowed_now');
  });
});

describe('REOPEN by HMICFRS', () => {
  const reason = 'Re-visit found the improvement was not sustained';
  const reopened = { type: 'Reopened', data: { reason } } as const;

  it.each(closed)('takes a closed item (%s) back to rag_rated', (name) => {
    const state = given(histories[name]).when({ type: 'REOPEN', reason }, hmicfrs).then([reopened]);
    expect([statusOf(state), isClosed(state)]).toEqual(['rag_rated', false]);
  });

  it('takes an item archived before it was ever rated back to open', () => {
    const state = given([opened(), archived(3)])
      .when({ type: 'REOPEN', reason }, hmicfrs)
      .then([reopened]);
    expect(statusOf(state)).toBe('open');
  });

  it('forgets the old submission and approval: the item is submitted and approved afresh', () => {
    const state = given(histories.hmicfrsVerified).when({ type: 'REOPEN', reason }, hmicfrs).then([reopened]);
    expect([state.context.submission, state.context.approval]).toEqual([null, null]);
    given([...histories.hmicfrsVerified, reopened])
      .when({ type: 'SUBMIT' }, owner)
      .then([submitted(owner, [progressReport, chiefConstableLetter])]);
  });

  it('leaves a reopened archived item at level 1 until HMICFRS sets its level', () => {
    given([...histories.archived, reopened])
      .when({ type: 'SUBMIT' }, owner)
      .thenRefuses(/HMICFRS closes and archives level 1 items/);
  });

  it.each([...inProgress, 'notApplicable'] as const)('is refused for an item %s', (name) => {
    given(histories[name])
      .when({ type: 'REOPEN', reason }, hmicfrs)
      .thenRefuses(/^REOPEN is not possible while the item is/, 'not_allowed_now');
  });
});
