import { createActor, type ActorScope, type AnyStateMachine } from 'xstate';
import type { DomainEvent, RecommendationEvent, RecommendationOpened } from './events';
import { EventDoesNotFit } from './errors';
import { recommendationMachine, type RecommendationState } from './recommendation.machine';
import { describeStatus } from './status';
import { upcast, type StoredEvent } from './upcast';

/** One event applied to an item through the machine's pure transition; `undefined` is "no item yet". */
export function evolve(state: RecommendationState | undefined, event: RecommendationEvent): RecommendationState {
  return step(state, event);
}

/**
 * Rebuilds an item from its stored stream (`undefined` for an empty one), or carries `from` (the item
 * as its events up to `from.revision` left it) on through the events after it. Throws
 * `HistoryNotReplayable` when the stream holds an event this code cannot read or the lifecycle would
 * not have allowed.
 */
export function replay(
  stream: Iterable<StoredEvent>,
  from?: { state: RecommendationState; revision: number },
): RecommendationState | undefined {
  let state = from?.state;
  let index = from === undefined ? 0 : from.revision + 1;
  for (const stored of stream) {
    const event = upcast(stored);
    if (!isRecommendationEvent(event)) {
      throw new EventDoesNotFit(event.type, 'an item', index);
    }
    state = step(state, event, index);
    index += 1;
  }
  return state;
}

function step(state: RecommendationState | undefined, event: RecommendationEvent, index?: number): RecommendationState {
  if (state === undefined) {
    const opened = opening(event, index);
    return recommendationMachine.getInitialSnapshot(inertScope(recommendationMachine), opened);
  }
  const next = recommendationMachine.transition(state, event, inertScope(recommendationMachine));
  // The machine returns the very same snapshot when no transition takes the event.
  if (next === state) throw new EventDoesNotFit(event.type, `an item ${describeStatus(state)}`, index);
  return next;
}

function opening(event: RecommendationEvent, index?: number): RecommendationOpened['data'] {
  if (event.type !== 'RecommendationOpened') throw new EventDoesNotFit(event.type, 'an item not yet opened', index);
  return event.data;
}

/**
 * XState's own `transition()` and `initialTransition()` build a throwaway actor on every call, and that
 * actor starts the machine without input, which throws (and is caught) inside XState: a third of the
 * cost of a command went there. This machine's transitions only assign and guard (no children, no
 * messages to `self`), so one inert scope per machine serves every fold; its actor is never started.
 *
 * `ActorScope`'s members are XState internals, not its public API, and may change in any release:
 * package.json pins `xstate` exactly (5.33.3) for as long as this scope is built by hand. Before
 * raising the pin, run the lifecycle's specs (replay.spec.ts) against the new version.
 */
const scopes = new Map<AnyStateMachine, ActorScope<RecommendationState, RecommendationEvent>>();

export function inertScope(machine: typeof recommendationMachine): ActorScope<RecommendationState, RecommendationEvent> {
  let scope = scopes.get(machine);
  if (scope === undefined) {
    const self = createActor(machine, { input: PLACEHOLDER });
    scope = {
      self,
      id: '',
      sessionId: '',
      system: self.system,
      logger: () => undefined,
      defer: () => undefined,
      emit: () => undefined,
      stopChild: () => undefined,
      actionExecutor: () => undefined,
    };
    scopes.set(machine, scope);
  }
  return scope;
}

/** The input the scope's never-started actor is built with: the machine cannot be built without one. */
export const PLACEHOLDER: RecommendationOpened['data'] = {
  id: '-',
  reference: '-',
  kind: 'recommendation',
  inspectionId: '-',
  text: '-',
  level: 4,
  addressee: '-',
  portfolio: '-',
};

const NOT_AN_ITEMS: ReadonlySet<DomainEvent['type']> = new Set([
  'InspectionReportRecorded',
  'PersonAdded',
  'PaperIssued',
  'InspectionActivityRecorded',
  'InspectionDebriefNoted',
] satisfies Exclude<DomainEvent, RecommendationEvent>['type'][]);

/** Whether an event is one of an item's (the other streams' facts never reach an item's fold). */
export function isRecommendationEvent(event: DomainEvent): event is RecommendationEvent {
  return !NOT_AN_ITEMS.has(event.type);
}
