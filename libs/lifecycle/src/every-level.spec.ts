import {
  decide,
  evolve,
  isClosed,
  statusOf,
  type Actor,
  type LifecycleCommand,
  type Level,
  type RecommendationState,
} from '@hmicfrs/lifecycle';
import { chiefConstableLetter, dcc, hmicfrs, liaison, owner, progressReport } from './testing/fixtures';

/** Sends the commands in turn, each of which must be accepted, and returns the item after them. */
function walk(level: Level, steps: [LifecycleCommand, Actor][]): RecommendationState {
  const opening = decide(
    undefined,
    {
      type: 'OPEN_RECOMMENDATION',
      id: `rec-level-${level}`,
      reference: `100${level}`,
      kind: 'recommendation',
      inspectionId: 'insp-peel-2023',
      text: 'The force should improve how it records crime.',
      level,
      addressee: 'West Midlands Police',
      portfolio: 'Crime',
    },
    liaison,
  );
  if (!opening.ok) throw new Error(opening.refusal.message);
  let state = evolve(undefined, opening.events[0]!);
  for (const [command, actor] of steps) {
    const decision = decide(state, command, actor);
    if (!decision.ok) throw new Error(`${command.type}: ${decision.refusal.message}`);
    state = decision.events.reduce(evolve, state);
  }
  return state;
}

const doTheWork: [LifecycleCommand, Actor][] = [
  [{ type: 'ASSIGN_OWNER', owner: owner.userId }, liaison],
  [{ type: 'RATE', rag: 'amber' }, owner],
  [{ type: 'NOTE_PROGRESS', text: 'Dip samples confirm the flag is used.' }, owner],
  [{ type: 'ATTACH_EVIDENCE', ...progressReport }, owner],
  [{ type: 'ATTACH_EVIDENCE', ...chiefConstableLetter }, owner],
  [{ type: 'RATE', rag: 'green' }, owner],
  [{ type: 'SUBMIT' }, owner],
  [{ type: 'APPROVE' }, dcc],
];

describe('one item of each level, from open to closed', () => {
  it('level 1: HMICFRS closes and archives it', () => {
    const state = walk(1, [
      [{ type: 'RATE', rag: 'green' }, owner],
      [{ type: 'CLOSE_AND_ARCHIVE' }, hmicfrs],
    ]);
    expect([statusOf(state), isClosed(state), state.context.level]).toEqual(['archived', true, 1]);
  });

  it('level 2: the force closes it itself, with the Chief Constable letter', () => {
    const state = walk(2, doTheWork);
    expect([statusOf(state), isClosed(state)]).toEqual(['self_certified', true]);
  });

  it('level 3: the force self-certifies and HMICFRS verifies', () => {
    const certified = walk(3, doTheWork);
    expect([statusOf(certified), isClosed(certified)]).toEqual(['self_certified', false]);
    const state = walk(3, [...doTheWork, [{ type: 'VERIFY' }, hmicfrs]]);
    expect([statusOf(state), isClosed(state)]).toEqual(['hmicfrs_verified', true]);
  });

  it('level 4: no self-certification, HMICFRS verifies by fieldwork', () => {
    const approved = walk(4, doTheWork);
    expect([statusOf(approved), isClosed(approved)]).toEqual(['awaiting_hmicfrs', false]);
    const state = walk(4, [...doTheWork, [{ type: 'VERIFY' }, hmicfrs]]);
    expect([statusOf(state), isClosed(state)]).toEqual(['hmicfrs_verified', true]);
  });
});
