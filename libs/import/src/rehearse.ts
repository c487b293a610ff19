import { decide, evolve, statusOf, type RecommendationState } from '@hmicfrs/lifecycle';
import type { ImportActors, ImportStep } from './import-steps';
import type { RegisterRow } from './register-row';

/**
 * Runs a row's steps through the lifecycle's own pure `decide`, in memory, before anything is written:
 * all-or-nothing needs every refusal known up front, and the machine stays the only place the rules live.
 * Returns why the row cannot reach its status, or undefined when it can.
 */
export function rehearse(row: RegisterRow, steps: ImportStep[], actors: ImportActors): string | undefined {
  let state: RecommendationState | undefined;
  for (const step of steps) {
    const decision = decide(state, step.command, actors[step.as]);
    if (!decision.ok) return `cannot be brought to ${row.status}: ${step.command.type} is refused (${decision.refusal.message})`;
    state = decision.events.reduce<RecommendationState | undefined>(evolve, state);
  }
  const reached = state === undefined ? undefined : statusOf(state);
  if (reached !== row.status) {
    return `a level ${row.level} item cannot be ${row.status}: the lifecycle takes it to ${reached} (see the README's levels)`;
  }
  return undefined;
}
