import fc from 'fast-check';
import {
  decide,
  evolve,
  type Actor,
  type LifecycleCommand,
  type Level,
  type RecommendationEvent,
  type RecommendationState,
} from '@hmicfrs/lifecycle';
import { dcc, hmicfrs, liaison, owner } from './fixtures';

/** Commands from the people whose roles send them, weighted towards closure and level changes, where the way an event goes depends on the item. */
const step: fc.Arbitrary<[LifecycleCommand, Actor]> = fc.oneof(
  {
    arbitrary: fc.constantFrom('red', 'amber', 'green').map((rag) => [{ type: 'RATE', rag }, owner] as [LifecycleCommand, Actor]),
    weight: 3,
  },
  {
    arbitrary: fc.constantFrom('ev-1', 'ev-2').map(
      (evidenceId) =>
        [
          {
            type: 'ATTACH_EVIDENCE',
            evidenceId,
            title: 'E',
            heldElsewhere: { location: 'Force file share', description: 'Held by the force' },
            isChiefConstableLetter: evidenceId === 'ev-1',
          },
          owner,
        ] as [LifecycleCommand, Actor],
    ),
    weight: 3,
  },
  fc.constant<[LifecycleCommand, Actor]>([{ type: 'REMOVE_EVIDENCE', evidenceId: 'ev-2' }, owner]),
  fc.constantFrom(owner.userId, 'other').map((who) => [{ type: 'ASSIGN_OWNER', owner: who }, liaison] as [LifecycleCommand, Actor]),
  fc
    .constantFrom('2024-06-30', '2025-03-31')
    .map((dueDate) => [{ type: 'CHANGE_DUE_DATE', dueDate, reason: 'r' }, liaison] as [LifecycleCommand, Actor]),
  { arbitrary: fc.constant<[LifecycleCommand, Actor]>([{ type: 'SUBMIT' }, owner]), weight: 4 },
  fc.constant<[LifecycleCommand, Actor]>([{ type: 'WITHDRAW' }, owner]),
  { arbitrary: fc.constant<[LifecycleCommand, Actor]>([{ type: 'APPROVE', confirmRating: true }, dcc]), weight: 4 },
  fc.constant<[LifecycleCommand, Actor]>([{ type: 'RETURN', reason: 'r' }, dcc]),
  { arbitrary: fc.constant<[LifecycleCommand, Actor]>([{ type: 'VERIFY' }, hmicfrs]), weight: 2 },
  fc.constant<[LifecycleCommand, Actor]>([{ type: 'REJECT', reason: 'r' }, hmicfrs]),
  {
    arbitrary: fc
      .constantFrom(2, 3, 4)
      .map((level) => [{ type: 'CHANGE_LEVEL', level, reason: 'r' }, hmicfrs] as [LifecycleCommand, Actor]),
    weight: 3,
  },
  fc.constant<[LifecycleCommand, Actor]>([{ type: 'CLOSE_AND_ARCHIVE' }, hmicfrs]),
  { arbitrary: fc.constant<[LifecycleCommand, Actor]>([{ type: 'REOPEN', reason: 'r', dueDate: '2099-01-31' }, hmicfrs]), weight: 2 },
  fc.constant<[LifecycleCommand, Actor]>([{ type: 'MARK_NOT_APPLICABLE', reason: 'r', addressedTo: 'NPCC' }, liaison]),
  fc.constant<[LifecycleCommand, Actor]>([{ type: 'NOTE_PROGRESS', text: 'n' }, owner]),
);

/** One event of an accepted history, with the item as the machine left it. */
export interface AcceptedStep {
  event: RecommendationEvent;
  state: RecommendationState;
}

/**
 * Random histories the lifecycle accepts: an item of any level, opened with or without an owner, then
 * whatever of a random list of commands the machine takes, in order. For property tests of anything that
 * follows stored events (the register, `follow`): they must stand where the machine stands.
 */
export const acceptedHistories: fc.Arbitrary<AcceptedStep[]> = fc
  .tuple(fc.constantFrom<Level>(1, 2, 3, 4), fc.boolean(), fc.array(step, { maxLength: 60, size: 'max' }))
  .map(([level, withOwner, steps]) => {
    const opened = decide(
      undefined,
      {
        type: 'OPEN_RECOMMENDATION',
        id: 'R-1',
        reference: 'R-1',
        kind: 'recommendation',
        inspectionId: 'i',
        text: 't',
        level,
        addressee: 'Chief Constables',
        portfolio: 'p',
        ...(withOwner ? { owner: owner.userId } : {}),
      },
      liaison,
    );
    if (!opened.ok) throw new Error(opened.refusal.message);
    let state = evolve(undefined, opened.events[0]);
    const history: AcceptedStep[] = [{ event: opened.events[0], state }];
    for (const [command, actor] of steps) {
      const decision = decide(state, command, actor);
      if (!decision.ok) continue;
      for (const event of decision.events) {
        state = evolve(state, event);
        history.push({ event, state });
      }
    }
    return history;
  });
