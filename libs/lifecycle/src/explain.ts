import { getNextTransitions } from 'xstate';
import type { LifecycleCommandType } from './commands';
import type { RecommendationEvent } from './events';
import type { RecommendationState } from './recommendation.machine';
import { rules, suppliedOn, type requires, type RuleName, type SuppliedBy, type Supplier } from './rules';

export type Explanation =
  /** No transition of the current state takes any of the events. */
  | { kind: 'not_now' }
  /** The wording of the rules that failed on the closest way through the machine. */
  | { kind: 'missing'; reasons: string[]; suppliedBy: SuppliedBy[]; field?: string };

/**
 * Why the machine takes none of `events` (what the command would record) now, read from the guards of
 * the transitions that could have taken them. Only meaningful once `state.can()` has said no.
 */
export function explain(state: RecommendationState, command: LifecycleCommandType, events: readonly RecommendationEvent[]): Explanation {
  const ways = getNextTransitions(state).flatMap((transition) =>
    events
      .filter((event) => event.type === transition.eventType)
      .map((event) => {
        const failing = rulesOf(transition.guard).filter((name) => !rules[name].holds(state.context, event));
        return {
          branches: failing.filter((name) => rules[name].kind === 'branch'),
          requirements: failing.filter((name) => rules[name].kind === 'requirement'),
        };
      }),
  );
  if (ways.length === 0) return { kind: 'not_now' };

  // A way whose branch holds is the item's own path (its level's, say): what it lacks is the answer.
  // When no branch holds, the branches themselves are.
  const fewestBranchFailures = Math.min(...ways.map((way) => way.branches.length));
  const closest = ways.filter((way) => way.branches.length === fewestBranchFailures);
  const failed = closest.flatMap((way) => (fewestBranchFailures === 0 ? way.requirements : way.branches));
  const reasons = failed.map((name) => rules[name].refusal(command, state.context));
  const suppliers = failed.flatMap((name): Supplier[] => {
    const rule: { suppliedBy?: Supplier } = rules[name];
    return rule.suppliedBy === undefined ? [] : [rule.suppliedBy];
  });
  // On one item a role is one supplier: the owner, or the liaison officer (who also stands in for a missing owner).
  const people = suppliers.map((supplier) => suppliedOn(supplier, state.context));
  const suppliedBy = people.filter((who, at) => people.findIndex((other) => other.role === who.role) === at);
  // What the sender supplies in the command itself; one rule asks for a field (the DCC's confirmation).
  const [field] = failed.flatMap((name): string[] => {
    const rule: { field?: string } = rules[name];
    return rule.field === undefined ? [] : [rule.field];
  });
  return { kind: 'missing', reasons: [...new Set(reasons)], suppliedBy, ...(field === undefined ? {} : { field }) };
}

/** Every guard of the machine is `requires(...)`, or there is none (a spec walks the machine to hold this). */
export function rulesOf(guard: unknown): readonly RuleName[] {
  return guard === undefined ? [] : (guard as ReturnType<typeof requires>).params.rules;
}
