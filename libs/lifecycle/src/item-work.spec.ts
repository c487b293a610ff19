import { given } from './testing/given';
import { closed, histories, inProgress, liaison, opened, owner } from './testing/fixtures';

const finalStates = [...closed, 'notApplicable'] as const;

const note = { type: 'NOTE_PROGRESS', text: 'Op Vanguard training delivered to 400 officers' } as const;
const assign = { type: 'ASSIGN_OWNER', owner: 'new.owner' } as const;
const dueDate = { type: 'CHANGE_DUE_DATE', dueDate: '2025-03-31', reason: 'Awaiting the national NPCC guidance' } as const;

describe('progress notes, owner and due-date changes', () => {
  describe.each(inProgress)('while %s', (name) => {
    const history = histories[name];

    it('NOTE_PROGRESS records the update', () => {
      const state = given(history)
        .when(note, owner)
        .then([{ type: 'ProgressNoted', data: { text: note.text } }]);
      expect(state.context.latestProgressNote).toBe(note.text);
    });

    it('ASSIGN_OWNER changes the owner', () => {
      const state = given(history)
        .when(assign, liaison)
        .then([{ type: 'OwnerAssigned', data: { owner: 'new.owner' } }]);
      expect(state.context.owner).toBe('new.owner');
    });

    it('CHANGE_DUE_DATE records the old and new dates with the reason', () => {
      given(history)
        .when(dueDate, liaison)
        .then([{ type: 'DueDateChanged', data: { from: null, to: '2025-03-31', reason: dueDate.reason } }]);
    });
  });

  describe.each(finalStates)('once the item is %s', (name) => {
    it.each([note, assign, dueDate])('$type is refused', (command) => {
      given(histories[name])
        .when(command, liaison)
        .thenRefuses(new RegExp(`^${command.type} is not possible while the item is`), 'not_allowed_now');
    });
  });

  it('keeps the original due date through every change', () => {
    const state = given([
      opened({ dueDate: '2024-06-30' }),
      { type: 'DueDateChanged', data: { from: '2024-06-30', to: '2024-09-30', reason: 'Training postponed' } },
    ])
      .when(dueDate, liaison)
      .then([{ type: 'DueDateChanged', data: { from: '2024-09-30', to: '2025-03-31', reason: dueDate.reason } }]);
    expect([state.context.originalDueDate, state.context.dueDate]).toEqual(['2024-06-30', '2025-03-31']);
  });

  it('takes the first due date set as the original when the item was opened without one', () => {
    const state = given([opened()])
      .when(dueDate, liaison)
      .then([{ type: 'DueDateChanged', data: { from: null, to: '2025-03-31', reason: dueDate.reason } }]);
    expect(state.context.originalDueDate).toBe('2025-03-31');
  });
});

describe('LINK: the same national recommendation in two reports, or evidence that serves both', () => {
  const link = { type: 'LINK', otherId: 'rec-10618', relation: 'same_national_recommendation' } as const;
  const linked = { type: 'RecommendationLinked', data: { otherId: 'rec-10618', relation: 'same_national_recommendation' } } as const;

  it.each([...inProgress, ...finalStates])('is recorded whatever the state (%s)', (name) => {
    const state = given(histories[name]).when(link, liaison).then([linked]);
    expect(state.context.links).toEqual([linked.data]);
  });

  it('cannot link an item to itself', () => {
    given([opened()])
      .when({ ...link, otherId: 'rec-9159' }, liaison)
      .thenRefuses(/^An item cannot be linked to itself$/);
  });

  it('records a link once; another relation between the same items is another link', () => {
    given([opened(), linked])
      .when(link, liaison)
      .thenRefuses(/^The items are already linked that way$/);
    given([opened(), linked])
      .when({ ...link, relation: 'shares_evidence' }, liaison)
      .then([{ type: 'RecommendationLinked', data: { otherId: 'rec-10618', relation: 'shares_evidence' } }]);
  });
});
