import { isClosed, replay, statusOf, upcast } from '@hmicfrs/lifecycle';
import { given, stored } from './testing/given';
import {
  approvedAt,
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
  const dueDate = '2026-06-30';
  const reopen = { type: 'REOPEN', reason, dueDate } as const;
  const reopened = { type: 'Reopened', data: { reason, dueDate, freshRating: true } } as const;

  it.each(closed)('takes a closed item (%s) back to open, needing a fresh RAG rating, due by the new date', (name) => {
    const state = given(histories[name]).when(reopen, hmicfrs).then([reopened]);
    expect([statusOf(state), isClosed(state), state.context.rag, state.context.dueDate]).toEqual(['open', false, null, dueDate]);
  });

  it('clears what no longer holds: the rating, the overdue due date, the self-certification', () => {
    const history = [opened({ level: 2, dueDate: '2024-03-31' }), ...approvedAt(2).slice(1)];
    const state = given(history).when(reopen, hmicfrs).then([reopened]);
    expect(state.context).toMatchObject({ rag: null, dueDate, originalDueDate: '2024-03-31', submission: null, approval: null });
    expect(statusOf(state)).toBe('open');
    // Rated afresh, it takes the road to closure again.
    given([...history, reopened])
      .when({ type: 'SUBMIT' }, owner)
      .thenRefuses(/SUBMIT is not possible while the item is open/, 'not_allowed_now');
  });

  it('forgets the old submission and approval: the item is rated, submitted and approved afresh', () => {
    const state = given(histories.hmicfrsVerified).when(reopen, hmicfrs).then([reopened]);
    expect([state.context.submission, state.context.approval]).toEqual([null, null]);
    given([...histories.hmicfrsVerified, reopened, { type: 'RagRated', data: { rag: 'green' } }])
      .when({ type: 'SUBMIT' }, owner)
      .then([submitted(owner, [progressReport, chiefConstableLetter])]);
  });

  it('leaves a reopened archived item at level 1 until HMICFRS sets its level', () => {
    given([...histories.archived, reopened, { type: 'RagRated', data: { rag: 'amber' } }])
      .when({ type: 'SUBMIT' }, owner)
      .thenRefuses(/HMICFRS closes and archives level 1 items/);
  });

  it('replays a reopening recorded before version 2 as it happened: back to rag_rated, rating and due date kept', () => {
    const v1 = stored(histories.hmicfrsVerified).concat([{ type: 'Reopened', data: { reason }, metadata: { schemaVersion: 1 } }]);
    const state = replay(v1)!;
    expect([statusOf(state), state.context.rag]).toEqual(['rag_rated', 'green']);
    const neverRated = stored([opened(), archived(3)]).concat([{ type: 'Reopened', data: { reason }, metadata: { schemaVersion: 1 } }]);
    expect(statusOf(replay(neverRated)!)).toBe('open');
    expect(upcast({ type: 'Reopened', data: { reason }, metadata: { schemaVersion: 1 } }).data).toEqual({
      reason,
      dueDate: null,
      freshRating: false,
    });
  });

  it.each([...inProgress, 'notApplicable'] as const)('is refused for an item %s', (name) => {
    given(histories[name])
      .when(reopen, hmicfrs)
      .thenRefuses(/^REOPEN is not possible while the item is/, 'not_allowed_now');
  });
});
