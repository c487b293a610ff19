import type { EventStore, RecordedEvent } from '@hmicfrs/event-store';
import {
  evolve,
  isClosed,
  isInProgress,
  statusOf,
  upcast,
  type Evidence,
  type Level,
  type RecommendationEvent,
  type RecommendationState,
} from '@hmicfrs/lifecycle';

/**
 * The read models recounted from the raw log through the lifecycle machine itself, the reference the
 * projections must equal. Everything here is in memory: fine for tests, not for a register.
 */
export interface ItemTruth {
  id: string;
  state: RecommendationState;
  openedAt: string;
  lastEventAt: string;
  revision: number;
  closedAt: string | null;
  lastSubmittedAt: string | null;
  submittedLevel: Level | null;
}

export async function readLog(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

/** Every item folded through the machine, from the events that satisfy `keep`. */
export function itemsFrom(log: readonly RecordedEvent[], keep: (event: RecordedEvent) => boolean = () => true): Map<string, ItemTruth> {
  const items = new Map<string, ItemTruth>();
  for (const recorded of log) {
    if (!recorded.streamId.startsWith('recommendation-') || !keep(recorded)) continue;
    const id = recorded.streamId.slice('recommendation-'.length);
    const event = upcast(recorded) as RecommendationEvent;
    const at = recorded.metadata.occurredAt;
    const before = items.get(id);
    const state = evolve(before?.state, event);
    const wasClosed = before !== undefined && isClosed(before.state);
    const submitted = event.type === 'SubmittedForClosure';
    items.set(id, {
      id,
      state,
      openedAt: before?.openedAt ?? at,
      // Telling someone about an item is not work on it (the register keeps its last activity).
      lastEventAt: event.type === 'ReminderIssued' || event.type === 'Escalated' ? before!.lastEventAt : at,
      revision: recorded.revision,
      closedAt: isClosed(state) ? (wasClosed ? before.closedAt : at) : null,
      lastSubmittedAt: submitted ? at : (before?.lastSubmittedAt ?? null),
      submittedLevel: submitted ? before!.state.context.level : (before?.submittedLevel ?? null),
    });
  }
  return items;
}

/** What the register's row for an item must say. */
export function expectedRegisterEntry(item: ItemTruth) {
  const { context } = item.state;
  return {
    id: item.id,
    reference: context.reference,
    kind: context.kind,
    inspectionId: context.inspectionId,
    text: context.text,
    level: context.level,
    portfolio: context.portfolio,
    addressee: context.addressee,
    owner: context.owner,
    rag: context.rag,
    status: statusOf(item.state),
    closed: isClosed(item.state),
    inProgress: isInProgress(item.state),
    dueDate: context.dueDate,
    dueWithinMonths: context.dueWithin?.months ?? null,
    originalDueDate: context.originalDueDate,
    openedAt: item.openedAt,
    submittedAt: context.submission === null ? null : item.lastSubmittedAt,
    submittedBy: context.submission?.submittedBy ?? null,
    closedAt: item.closedAt,
    lastEventAt: item.lastEventAt,
    revision: item.revision,
  };
}

/** What a past view of an item must say. */
export function expectedSnapshot(item: ItemTruth) {
  const { context } = item.state;
  return {
    id: item.id,
    kind: context.kind,
    inspectionId: context.inspectionId,
    openedAt: item.openedAt,
    level: context.level,
    status: statusOf(item.state),
    closed: isClosed(item.state),
    inProgress: isInProgress(item.state),
    rag: context.rag,
    owner: context.owner,
    dueDate: context.dueDate,
    originalDueDate: context.originalDueDate,
    closedAt: item.closedAt,
    lastSubmittedAt: item.lastSubmittedAt,
    submittedLevel: item.submittedLevel,
  };
}

export function expectedCounts(items: Iterable<ItemTruth>) {
  const counts = new Map<string, { kind: string; level: number; status: string; items: number }>();
  for (const item of items) {
    const { kind, level } = item.state.context;
    const status = statusOf(item.state);
    const key = `${kind}|${level}|${status}`;
    const row = counts.get(key) ?? { kind, level, status, items: 0 };
    row.items += 1;
    counts.set(key, row);
  }
  return [...counts.values()].sort((a, b) => a.kind.localeCompare(b.kind) || b.level - a.level || a.status.localeCompare(b.status));
}

export function expectedRag(items: Iterable<ItemTruth>) {
  const rag = { red: 0, amber: 0, green: 0, unrated: 0 };
  for (const item of items) if (isInProgress(item.state)) rag[item.state.context.rag ?? 'unrated'] += 1;
  return { ...rag, total: rag.red + rag.amber + rag.green + rag.unrated };
}

export function expectedApprovalQueue(items: Iterable<ItemTruth>) {
  return [...items]
    .filter((item) => statusOf(item.state) === 'submitted')
    .map((item) => {
      const { context } = item.state;
      const submission = context.submission as { submittedBy: string; evidence: Evidence[] };
      return {
        id: item.id,
        reference: context.reference,
        kind: context.kind,
        level: context.level,
        inspectionId: context.inspectionId,
        text: context.text,
        owner: context.owner,
        submittedAt: item.lastSubmittedAt!,
        submittedBy: submission.submittedBy,
        evidence: submission.evidence,
      };
    })
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id));
}
