import fc from 'fast-check';
import {
  decide,
  evolve,
  isClosed,
  isInProgress as machineInProgress,
  statusOf,
  type Actor,
  type LifecycleCommand,
  type Level,
  type RecommendationState,
} from '@hmicfrs/lifecycle';
import { changesReports, evolveItem } from './evolve-item';
import type { ItemRecord } from './item-record';

const owner: Actor = { userId: 'olivia.owner', role: 'owner' };
const liaison: Actor = { userId: 'liam.liaison', role: 'liaison' };
const dcc: Actor = { userId: 'dana.dcc', role: 'dcc' };
const hmicfrs: Actor = { userId: 'harriet.hmicfrs', role: 'hmicfrs' };

/** Weighted towards closure and level changes, where the register's fold has the most to get right. */
const step: fc.Arbitrary<[LifecycleCommand, Actor]> = fc.oneof(
  { arbitrary: fc.constantFrom('red', 'amber', 'green').map((rag) => [{ type: 'RATE', rag }, owner] as [LifecycleCommand, Actor]), weight: 3 },
  {
    arbitrary: fc
      .constantFrom('ev-1', 'ev-2')
      .map((evidenceId) => [{ type: 'ATTACH_EVIDENCE', evidenceId, title: 'E', heldElsewhere: { location: 'Force file share', description: 'Held by the force' }, sha256: 'f'.repeat(64), isChiefConstableLetter: evidenceId === 'ev-1' }, owner] as [LifecycleCommand, Actor]),
    weight: 3,
  },
  fc.constant<[LifecycleCommand, Actor]>([{ type: 'REMOVE_EVIDENCE', evidenceId: 'ev-2' }, owner]),
  fc.constantFrom('olivia.owner', 'other').map((who) => [{ type: 'ASSIGN_OWNER', owner: who }, liaison] as [LifecycleCommand, Actor]),
  fc.constantFrom('2024-06-30', '2025-03-31').map((dueDate) => [{ type: 'CHANGE_DUE_DATE', dueDate, reason: 'r' }, liaison] as [LifecycleCommand, Actor]),
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

describe("the register's fold follows the lifecycle machine", () => {
  it('for any accepted history: same status, closed, level, RAG, owner, due dates and submission', () => {
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
        let record = evolveItem(undefined, opened.events[0], { occurredAt: '2024-01-01T00:00:00.000Z', revision: 0 });
        let revision = 0;
        for (const [command, actor] of steps) {
          const decision = decide(state, command, actor);
          if (!decision.ok) continue;
          for (const event of decision.events) {
            revision += 1;
            const before = record;
            state = evolve(state, event);
            record = evolveItem(record, event, { occurredAt: `2024-01-01T00:00:${String(revision % 60).padStart(2, '0')}.000Z`, revision });
            if (!changesReports(event)) expect(withoutTimes(record)).toEqual(withoutTimes(before));
          }
          expect(picture(record)).toEqual(machinePicture(state));
        }
      }),
      { numRuns: 400 },
    );
  });
});

function picture(record: ItemRecord) {
  return {
    status: record.lifecycle.status,
    closed: record.lifecycle.closed,
    inProgress: record.lifecycle.inProgress,
    level: record.lifecycle.level,
    rag: record.rag,
    owner: record.owner,
    dueDate: record.dueDate,
    originalDueDate: record.originalDueDate,
    submittedBy: record.submittedBy,
  };
}

function machinePicture(state: RecommendationState) {
  const { context } = state;
  return {
    status: statusOf(state),
    closed: isClosed(state),
    inProgress: machineInProgress(state),
    level: context.level,
    rag: context.rag,
    owner: context.owner,
    dueDate: context.dueDate,
    originalDueDate: context.originalDueDate,
    submittedBy: context.submission?.submittedBy ?? null,
  };
}

function withoutTimes({ lastEventAt: _at, revision: _revision, ...rest }: ItemRecord) {
  return rest;
}
