import fc from 'fast-check';
import {
  follow,
  isClosed,
  isInProgress,
  restorePosition,
  statusOf,
  type LifecyclePosition,
  type RecommendationState,
} from '@hmicfrs/lifecycle';
import { acceptedHistories } from './testing/accepted-histories';

describe('following stored events', () => {
  it('stands where the machine stands after any accepted history, also when restored from its saved text', () => {
    fc.assert(
      fc.property(acceptedHistories, (history) => {
        let position: LifecyclePosition | undefined;
        for (const { event, state } of history) {
          position = follow(position === undefined ? undefined : restorePosition(position.saved), event);
          expect(standing(position)).toEqual(machineStanding(state));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('refuses an event no transition takes, as a replay does', () => {
    const opened = follow(undefined, {
      type: 'RecommendationOpened',
      data: { id: 'R-1', reference: 'R-1', kind: 'recommendation', inspectionId: 'i', text: 't', level: 2, addressee: 'a', portfolio: 'p' },
    });
    expect(() => follow(opened, { type: 'HmicfrsVerified', data: { comment: null, inspection: null } })).toThrow(
      'HmicfrsVerified does not fit an item open and not yet RAG rated',
    );
    expect(() => follow(undefined, { type: 'RagRated', data: { rag: 'red' } })).toThrow('RagRated does not fit an item not yet opened');
  });
});

function standing(position: LifecyclePosition) {
  const { status, closed, inProgress, level, submitted } = position;
  return { status, closed, inProgress, level, submitted };
}

function machineStanding(state: RecommendationState) {
  return {
    status: statusOf(state),
    closed: isClosed(state),
    inProgress: isInProgress(state),
    level: state.context.level,
    submitted: state.context.submission !== null,
  };
}
