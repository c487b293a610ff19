import { dueDateWithin, receivedOn } from '@hmicfrs/lifecycle';
import { given } from './testing/given';
import { liaison, opened, histories } from './testing/fixtures';

describe('due dates (issue 15)', () => {
  it.each([
    ['2023-03-03', 3, '2023-06-03'],
    ['2022-11-30', 3, '2023-02-28'],
    ['2023-08-31', 6, '2024-02-29'],
    ['2023-12-15', 1, '2024-01-15'],
  ])('%s, within %i months of publication, is due %s', (publishedOn, months, due) => {
    expect(dueDateWithin(publishedOn, { months, of: 'publication' })).toBe(due);
  });

  it('an item opened with a span records it beside the date worked out from it', () => {
    const data = { ...opened().data, dueDate: '2023-06-03', dueWithin: { months: 3, of: 'publication' } as const };
    const state = given([])
      .when({ type: 'OPEN_RECOMMENDATION', ...data }, liaison)
      .then([{ type: 'RecommendationOpened', data }]);
    expect(state.context.dueWithin).toEqual({ months: 3, of: 'publication' });
  });

  it("the item's first due date needs no reason", () => {
    given(histories.open)
      .when({ type: 'CHANGE_DUE_DATE', dueDate: '2024-12-31' }, liaison)
      .then([{ type: 'DueDateChanged', data: { from: null, to: '2024-12-31', reason: null } }]);
  });

  it('a later change needs one, and a change of date is no longer the span', () => {
    const withSpan = [opened({ dueDate: '2023-06-03', dueWithin: { months: 3, of: 'publication' } })];
    for (const reason of [undefined, '  ']) {
      given(withSpan)
        .when({ type: 'CHANGE_DUE_DATE', dueDate: '2024-12-31', ...(reason === undefined ? {} : { reason }) }, liaison)
        .thenRefuses(/CHANGE_DUE_DATE needs a reason: the item already has a due date/, 'requirements_not_met');
    }
    const state = given(withSpan)
      .when({ type: 'CHANGE_DUE_DATE', dueDate: '2024-12-31', reason: 'Waiting for the NPCC' }, liaison)
      .then([{ type: 'DueDateChanged', data: { from: '2023-06-03', to: '2024-12-31', reason: 'Waiting for the NPCC' } }]);
    expect([state.context.dueDate, state.context.dueWithin, state.context.originalDueDate]).toEqual(['2024-12-31', null, '2023-06-03']);
  });

  it("an item is received with its report's publication, unless another day is given", () => {
    expect(receivedOn({}, { publishedOn: '2023-03-03' })).toBe('2023-03-03');
    expect(receivedOn({ receivedOn: '2023-04-20' }, { publishedOn: '2023-03-03' })).toBe('2023-04-20');
  });

  it('the day it was received says when it opened, and is not recorded as its data', () => {
    given([])
      .when({ type: 'OPEN_RECOMMENDATION', ...opened().data, receivedOn: '2023-04-20' }, liaison)
      .then([{ type: 'RecommendationOpened', data: opened().data }]);
  });
});
