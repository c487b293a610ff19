import fc from 'fast-check';
import { isClosed, isInProgress as machineInProgress, statusOf, type RecommendationState } from '@hmicfrs/lifecycle';
import { acceptedHistories } from '@hmicfrs/lifecycle/testing';
import { changesReports, evolveItem } from './evolve-item';
import type { ItemRecord } from './item-record';

describe("the register's fold follows the lifecycle machine", () => {
  it('for any accepted history: same status, closed, level, RAG, owner, due dates and submission', () => {
    fc.assert(
      fc.property(acceptedHistories, (history) => {
        let record: ItemRecord | undefined;
        history.forEach(({ event, state }, revision) => {
          const before = record;
          record = evolveItem(record, event, { occurredAt: `2024-01-01T00:00:${String(revision % 60).padStart(2, '0')}.000Z`, revision });
          if (before !== undefined && !changesReports(event)) expect(withoutTimes(record)).toEqual(withoutTimes(before));
          expect(picture(record)).toEqual(machinePicture(state));
        });
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
