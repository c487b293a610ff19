import fc from 'fast-check';
import {
  allowedCommands,
  decide,
  evolve,
  replay,
  statusOf,
  type Actor,
  type LifecycleCommand,
  type Level,
  type Rag,
  type LinkRelation,
  type RecommendationEvent,
  type RecommendationState,
  type Status,
} from '@hmicfrs/lifecycle';
import { stored } from './testing/given';
import { dcc, hmicfrs, liaison, owner } from './testing/fixtures';

const itemId = 'rec-1';
/** The owner again, as a DCC: the one person who may never approve that owner's submission. */
const submitterAsDcc: Actor = { userId: owner.userId, role: 'dcc' };
const actor = fc.constantFrom(owner, liaison, dcc, hmicfrs, submitterAsDcc);
const reason = fc.constantFrom('Awaiting national guidance', '');

/** Weighted towards the way to closure, so that random walks reach every state before they end up archived or not applicable. */
const command: fc.Arbitrary<LifecycleCommand> = fc.oneof(
  { arbitrary: fc.constantFrom<Rag>('red', 'amber', 'green').map((rag) => ({ type: 'RATE', rag }) as const), weight: 2 },
  fc.constant({ type: 'NOTE_PROGRESS', text: 'Dip sample completed' } as const),
  {
    arbitrary: fc.record({ evidenceId: fc.constantFrom('ev-1', 'ev-2', 'ev-3'), isChiefConstableLetter: fc.boolean() }).map(
      (evidence) =>
        ({
          type: 'ATTACH_EVIDENCE',
          title: 'Evidence',
          heldElsewhere: { location: 'Force file share', description: 'Held by the force' },
          sha256: 'f'.repeat(64),
          ...evidence,
        }) as const,
    ),
    weight: 3,
  },
  fc.constantFrom('ev-1', 'ev-2', 'ev-3').map((evidenceId) => ({ type: 'REMOVE_EVIDENCE', evidenceId }) as const),
  {
    arbitrary: fc.constantFrom(owner.userId, 'another.owner').map((who) => ({ type: 'ASSIGN_OWNER', owner: who }) as const),
    weight: 2,
  },
  fc
    .tuple(fc.constantFrom('2024-06-30', '2025-03-31'), reason)
    .map(([dueDate, why]) => ({ type: 'CHANGE_DUE_DATE', dueDate, reason: why }) as const),
  { arbitrary: fc.constant({ type: 'SUBMIT' } as const), weight: 4 },
  fc.constant({ type: 'WITHDRAW' } as const),
  { arbitrary: fc.boolean().map((confirmRating) => ({ type: 'APPROVE', confirmRating }) as const), weight: 4 },
  reason.map((why) => ({ type: 'RETURN', reason: why }) as const),
  { arbitrary: fc.constant({ type: 'VERIFY' } as const), weight: 3 },
  reason.map((why) => ({ type: 'REJECT', reason: why }) as const),
  fc.tuple(fc.constantFrom<2 | 3 | 4>(2, 3, 4), reason).map(([level, why]) => ({ type: 'CHANGE_LEVEL', level, reason: why }) as const),
  fc.constant({ type: 'CLOSE_AND_ARCHIVE' } as const),
  reason.map((why) => ({ type: 'REOPEN', reason: why, dueDate: '2026-06-30' }) as const),
  fc.constant({ type: 'MARK_NOT_APPLICABLE', reason: 'For the NPCC', addressedTo: 'NPCC' } as const),
  fc
    .tuple(fc.constantFrom(itemId, 'rec-2'), fc.constantFrom<LinkRelation>('same_national_recommendation', 'shares_evidence'))
    .map(([otherId, relation]) => ({ type: 'LINK', otherId, relation }) as const),
);

const opening = fc.record({
  level: fc.constantFrom<Level>(1, 2, 3, 4),
  owner: fc.option(fc.constant(owner.userId), { nil: undefined }),
});

describe('decide, for any sequence of commands', () => {
  it('never throws, explains every refusal, offers what it accepts, and its events replay to the same item', () => {
    const reached = new Set<Status>();
    fc.assert(
      fc.property(opening, fc.array(fc.tuple(command, actor), { maxLength: 80, size: 'max' }), (open, steps) => {
        const opened = decide(
          undefined,
          {
            type: 'OPEN_RECOMMENDATION',
            id: itemId,
            reference: '9159',
            kind: 'recommendation',
            inspectionId: 'insp-1',
            text: 'Use the cyber-enabled flag',
            addressee: 'Chief Constables',
            portfolio: 'Public Protection',
            ...open,
          },
          liaison,
        );
        if (!opened.ok) throw new Error(opened.refusal.message);
        const history: RecommendationEvent[] = [...opened.events];
        let state: RecommendationState = opened.events.reduce<RecommendationState | undefined>(evolve, undefined)!;

        for (const [next, by] of steps) {
          const offered = allowedCommands(state, by);
          const decision = decide(state, next, by);
          if (decision.ok) {
            expect(decision.events.length).toBeGreaterThan(0);
            expect(offered).toContain(next.type);
            history.push(...decision.events);
            state = decision.events.reduce(evolve, state);
          } else {
            expect(decision.refusal.message).not.toBe('');
            if (decision.refusal.code === 'requirements_not_met') expect(decision.refusal.missing).not.toEqual([]);
            if (decision.refusal.code === 'not_allowed_now') expect(offered).not.toContain(next.type);
          }
          reached.add(statusOf(state));
        }

        const replayed = replay(stored(history))!;
        expect(replayed.value).toEqual(state.value);
        expect(replayed.context).toEqual(state.context);
      }),
      { numRuns: 300 },
    );

    // The sequences went everywhere, so the properties were tested in every state.
    expect([...reached].sort()).toEqual([
      'archived',
      'awaiting_hmicfrs',
      'hmicfrs_verified',
      'not_applicable',
      'open',
      'rag_rated',
      'self_certified',
      'submitted',
    ]);
  });
});
