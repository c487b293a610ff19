import {
  decide,
  replay,
  schemaVersions,
  type Actor,
  type RecommendationCommand,
  type RecommendationEvent,
  type RecommendationState,
  type Refusal,
  type StoredEvent,
  type SystemActor,
} from '@hmicfrs/lifecycle';

/** As the store would give the events back. */
export function stored(events: readonly RecommendationEvent[]): StoredEvent[] {
  return events.map(({ type, data }) => ({ type, data, metadata: { schemaVersion: schemaVersions[type] } }));
}

/**
 * A lifecycle rule as a specification (Emmett's DeciderSpecification): given the item's history, when
 * someone sends a command, then these events are recorded, or the command is refused with this reason.
 * The history goes through `replay`, as the HTTP layer loads an item.
 */
export function given(history: readonly RecommendationEvent[]) {
  const state = replay(stored(history));
  return {
    when(command: RecommendationCommand, actor: Actor | SystemActor) {
      const decision = decide(state, command, actor);
      return {
        /** Returns the item after the events, for what the events alone do not show. */
        then(expected: RecommendationEvent[]): RecommendationState {
          expect(decision).toEqual({ ok: true, events: expected });
          const after = replay(stored([...history, ...expected]));
          if (after === undefined) throw new Error('An accepted command left no item');
          return after;
        },
        thenRefuses(message: RegExp, code?: Refusal['code']): Refusal {
          if (decision.ok) throw new Error(`Expected a refusal, got ${JSON.stringify(decision.events)}`);
          expect(decision.refusal.message).toMatch(message);
          if (code !== undefined) expect(decision.refusal.code).toBe(code);
          return decision.refusal;
        },
      };
    },
  };
}
