import { isClosed, statusOf, type LevelChanged, type SettableLevel } from '@hmicfrs/lifecycle';
import { given } from './testing/given';
import {
  approvedAt,
  chiefConstableLetter,
  dcc,
  hmicfrs,
  histories,
  progressReport,
  selfCertified,
  submittedAt,
  submittedToHmicfrs,
  verified,
} from './testing/fixtures';

const reason = 'Force moved to Engage';
const changeLevel = (level: SettableLevel) => ({ type: 'CHANGE_LEVEL', level, reason }) as const;
const levelChanged = (from: 1 | SettableLevel, to: SettableLevel): LevelChanged => ({
  type: 'LevelChanged',
  data: { from, to, reason },
});
const both = [progressReport, chiefConstableLetter];

describe('CHANGE_LEVEL by HMICFRS', () => {
  it.each(['open', 'rag_rated', 'submitted'] as const)('changes the level of an item %s, which stays where it is', (name) => {
    const state = given(histories[name])
      .when(changeLevel(4), hmicfrs)
      .then([levelChanged(3, 4)]);
    expect([statusOf(state), state.context.level]).toEqual([name, 4]);
  });

  it('is refused when the item is already at that level', () => {
    given(histories.rag_rated)
      .when(changeLevel(3), hmicfrs)
      .thenRefuses(/^The item is already at level 3$/, 'requirements_not_met');
    given(approvedAt(3))
      .when(changeLevel(3), hmicfrs)
      .thenRefuses(/^The item is already at level 3$/);
    given(approvedAt(2))
      .when(changeLevel(2), hmicfrs)
      .thenRefuses(/^The item is already at level 2$/);
  });

  it('sets the path a pending submission takes when the DCC approves', () => {
    given([...submittedAt(2), levelChanged(2, 4)])
      .when({ type: 'APPROVE' }, dcc)
      .then([submittedToHmicfrs(dcc, both)]);
    given([...submittedAt(4), levelChanged(4, 3)])
      .when({ type: 'APPROVE' }, dcc)
      .then([selfCertified(dcc, 3, both)]);
  });

  describe('of a self-certified item', () => {
    // A level 2 item the force has closed is reopened to HMICFRS's scrutiny by raising its level: the
    // force's self-certification stands at level 3 and now waits for verification; at level 4 it is
    // not enough, and the approved submission goes to HMICFRS fieldwork.
    it('raised from 2 to 3: no longer closed, it waits for HMICFRS verification', () => {
      const state = given(approvedAt(2))
        .when(changeLevel(3), hmicfrs)
        .then([levelChanged(2, 3)]);
      expect([statusOf(state), isClosed(state)]).toEqual(['self_certified', false]);
      given([...approvedAt(2), levelChanged(2, 3)])
        .when({ type: 'VERIFY' }, hmicfrs)
        .then([verified]);
    });

    it('raised from 2 to 4: the approved submission goes to HMICFRS fieldwork', () => {
      const state = given(approvedAt(2))
        .when(changeLevel(4), hmicfrs)
        .then([levelChanged(2, 4)]);
      expect([statusOf(state), isClosed(state), state.context.approval?.approvedBy]).toEqual(['awaiting_hmicfrs', false, dcc.userId]);
    });

    it('lowered from 3 to 2: closed, HMICFRS no longer verifies it', () => {
      const state = given(approvedAt(3))
        .when(changeLevel(2), hmicfrs)
        .then([levelChanged(3, 2)]);
      expect([statusOf(state), isClosed(state)]).toEqual(['self_certified', true]);
    });

    it('raised from 3 to 4: goes to HMICFRS fieldwork', () => {
      const state = given(approvedAt(3))
        .when(changeLevel(4), hmicfrs)
        .then([levelChanged(3, 4)]);
      expect(statusOf(state)).toBe('awaiting_hmicfrs');
    });
  });

  it('of an item with HMICFRS leaves it with HMICFRS, who verify it whatever its level', () => {
    const state = given(approvedAt(4))
      .when(changeLevel(2), hmicfrs)
      .then([levelChanged(4, 2)]);
    expect([statusOf(state), isClosed(state)]).toEqual(['awaiting_hmicfrs', false]);
    given([...approvedAt(4), levelChanged(4, 2)])
      .when({ type: 'VERIFY' }, hmicfrs)
      .then([verified]);
  });

  it.each(['hmicfrsVerified', 'archived', 'notApplicable'] as const)('is refused while %s', (state) => {
    given(histories[state])
      .when(changeLevel(4), hmicfrs)
      .thenRefuses(/^CHANGE_LEVEL is not possible while/, 'not_allowed_now');
  });
});
