import { statusOf } from '@hmicfrs/lifecycle';
import { given } from './testing/given';
import { histories, liaison, opened, owner, rated } from './testing/fixtures';

describe('opening an item', () => {
  const open = {
    type: 'OPEN_RECOMMENDATION',
    id: 'rec-9159',
    reference: '9159',
    kind: 'recommendation',
    inspectionId: 'insp-hate-crime',
    text: opened().data.text,
    level: 3,
    addressee: 'Chief Constables',
    portfolio: 'Public Protection',
  } as const;

  it('records RecommendationOpened; owner and due date are optional', () => {
    const state = given([]).when(open, liaison).then([opened()]);
    expect(statusOf(state)).toBe('open');
    expect(state.context).toMatchObject({ owner: null, dueDate: null, rag: null });
  });

  it('records the owner and due date when given, and keeps the due date as the original', () => {
    const state = given([])
      .when({ ...open, owner: owner.userId, dueDate: '2024-09-30' }, liaison)
      .then([opened({ owner: owner.userId, dueDate: '2024-09-30' })]);
    expect(state.context).toMatchObject({ owner: owner.userId, dueDate: '2024-09-30', originalDueDate: '2024-09-30' });
  });

  it('is refused for an item that is already open', () => {
    given([opened()])
      .when(open, liaison)
      .thenRefuses(/Item rec-9159 already exists/, 'already_exists');
  });

  it('comes first: any other command on an item with no events is refused', () => {
    given([])
      .when({ type: 'RATE', rag: 'red' }, owner)
      .thenRefuses(/no such item/, 'no_such_item');
  });
});

describe('RATE', () => {
  it('moves an open item to rag_rated', () => {
    const state = given(histories.open)
      .when({ type: 'RATE', rag: 'red' }, owner)
      .then([rated('red')]);
    expect(statusOf(state)).toBe('rag_rated');
  });

  it('re-rates an item at each review', () => {
    const state = given(histories.rag_rated)
      .when({ type: 'RATE', rag: 'green' }, owner)
      .then([rated('green')]);
    expect([statusOf(state), state.context.rag]).toEqual(['rag_rated', 'green']);
  });

  it.each([
    ['submitted', /RATE is not possible while the item is submitted for closure/],
    ['awaitingHmicfrs', /RATE is not possible while the item is with HMICFRS for verification/],
    ['hmicfrsVerified', /RATE is not possible while the item is verified by HMICFRS and closed/],
  ] as const)('is refused while the item is %s', (state, message) => {
    given(histories[state]).when({ type: 'RATE', rag: 'red' }, owner).thenRefuses(message, 'not_allowed_now');
  });
});
