import fc from 'fast-check';
import {
  decide,
  evolve,
  follow,
  isClosed,
  isInProgress,
  restorePosition,
  statusOf,
  type Actor,
  type LifecycleCommand,
  type LifecyclePosition,
  type Level,
  type RecommendationState,
} from '@hmicfrs/lifecycle';
import { dcc, hmicfrs, liaison, owner } from './testing/fixtures';

/** Weighted towards closure and level changes, where the way an event goes depends on the item. */
const step: fc.Arbitrary<[LifecycleCommand, Actor]> = fc.oneof(
  { arbitrary: fc.constantFrom('red', 'amber', 'green').map((rag) => [{ type: 'RATE', rag }, owner] as [LifecycleCommand, Actor]), weight: 3 },
  {
    arbitrary: fc
      .constantFrom('ev-1', 'ev-2')
      .map((evidenceId) => [{ type: 'ATTACH_EVIDENCE', evidenceId, title: 'E', sha256: 'f'.repeat(64), isChiefConstableLetter: evidenceId === 'ev-1' }, owner] as [LifecycleCommand, Actor]),
    weight: 3,
  },
  fc.constant<[LifecycleCommand, Actor]>([{ type: 'REMOVE_EVIDENCE', evidenceId: 'ev-2' }, owner]),
  fc.constantFrom(owner.userId, 'other').map((who) => [{ type: 'ASSIGN_OWNER', owner: who }, liaison] as [LifecycleCommand, Actor]),
  { arbitrary: fc.constant<[LifecycleCommand, Actor]>([{ type: 'SUBMIT' }, owner]), weight: 4 },
  fc.constant<[LifecycleCommand, Actor]>([{ type: 'WITHDRAW' }, owner]),
  { arbitrary: fc.constant<[LifecycleCommand, Actor]>([{ type: 'APPROVE' }, dcc]), weight: 4 },
  fc.constant<[LifecycleCommand, Actor]>([{ type: 'RETURN', reason: 'r' }, dcc]),
  { arbitrary: fc.constant<[LifecycleCommand, Actor]>([{ type: 'VERIFY' }, hmicfrs]), weight: 2 },
  fc.constant<[LifecycleCommand, Actor]>([{ type: 'REJECT', reason: 'r' }, hmicfrs]),
  { arbitrary: fc.constantFrom(2, 3, 4).map((level) => [{ type: 'CHANGE_LEVEL', level, reason: 'r' }, hmicfrs] as [LifecycleCommand, Actor]), weight: 3 },
  fc.constant<[LifecycleCommand, Actor]>([{ type: 'CLOSE_AND_ARCHIVE' }, hmicfrs]),
  { arbitrary: fc.constant<[LifecycleCommand, Actor]>([{ type: 'REOPEN', reason: 'r' }, hmicfrs]), weight: 2 },
  fc.constant<[LifecycleCommand, Actor]>([{ type: 'MARK_NOT_APPLICABLE', reason: 'r', addressedTo: 'NPCC' }, liaison]),
  fc.constant<[LifecycleCommand, Actor]>([{ type: 'NOTE_PROGRESS', text: 'n' }, owner]),
);

describe('following stored events', () => {
  it('stands where the machine stands after any accepted history, also when restored from its saved text', () => {
    fc.assert(
      fc.property(fc.constantFrom<Level>(1, 2, 3, 4), fc.boolean(), fc.array(step, { maxLength: 60, size: 'max' }), (level, withOwner, steps) => {
        const opened = decide(
          undefined,
          {
            type: 'OPEN_RECOMMENDATION', id: 'R-1', reference: 'R-1', kind: 'recommendation', inspectionId: 'i', text: 't', level,
            addressee: 'Chief Constables', portfolio: 'p', ...(withOwner ? { owner: owner.userId } : {}),
          },
          liaison,
        );
        if (!opened.ok) throw new Error(opened.refusal.message);
        let state = evolve(undefined, opened.events[0]);
        let position = follow(undefined, opened.events[0]);
        expect(standing(position)).toEqual(machineStanding(state));
        for (const [command, actor] of steps) {
          const decision = decide(state, command, actor);
          if (!decision.ok) continue;
          for (const event of decision.events) {
            state = evolve(state, event);
            position = follow(restorePosition(position.saved), event);
          }
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
    expect(() => follow(opened, { type: 'HmicfrsVerified', data: {} })).toThrow('HmicfrsVerified does not fit an item open and not yet RAG rated');
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
