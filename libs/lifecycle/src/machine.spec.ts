import { recommendationMachine, replay, statusOf, isClosed, isInProgress, type Status } from '@hmicfrs/lifecycle';
import type { AnyStateNode } from 'xstate';
import { rulesOf } from './explain';
import { rules } from './rules';
import { stored } from './testing/given';
import { histories } from './testing/fixtures';

function allStateNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap(allStateNodes)];
}

describe('the machine', () => {
  it('guards every transition with requires(...) or not at all, so refusals can quote the rules', () => {
    const guards = allStateNodes(recommendationMachine.root).flatMap((node) =>
      [...node.transitions.values()].flat().map((transition) => transition.guard),
    );
    expect(guards.length).toBeGreaterThan(0);
    for (const guard of guards) {
      if (guard === undefined) continue;
      expect(guard).toMatchObject({ type: 'requires' });
      for (const name of rulesOf(guard)) expect(rules).toHaveProperty(name);
    }
  });

  it.each([
    ['open', 'open', false, true],
    ['rag_rated', 'rag_rated', false, true],
    ['submitted', 'submitted', false, true],
    ['selfCertifiedAwaitingVerification', 'self_certified', false, true],
    ['awaitingHmicfrs', 'awaiting_hmicfrs', false, true],
    ['selfCertifiedClosed', 'self_certified', true, false],
    ['hmicfrsVerified', 'hmicfrs_verified', true, false],
    ['archived', 'archived', true, false],
    ['notApplicable', 'not_applicable', false, false],
  ] as const)('%s: status %s, closed %s, in progress %s', (name, status: Status, closed, inProgress) => {
    const state = replay(stored(histories[name]))!;
    expect([statusOf(state), isClosed(state), isInProgress(state)]).toEqual([status, closed, inProgress]);
  });
});
