import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent } from '@hmicfrs/event-store';
import {
  decide,
  evolve,
  schemaVersions,
  type Actor,
  type DomainEvent,
  type InspectionType,
  type ItemKind,
  type LifecycleCommand,
  type Level,
  type RecommendationEvent,
  type RecommendationState,
} from '@hmicfrs/lifecycle';
import { Random } from './random';

export const OWNER: Actor = { userId: 'olivia.owner', role: 'owner' };
export const LIAISON: Actor = { userId: 'liam.liaison', role: 'liaison' };
export const DCC: Actor = { userId: 'dana.dcc', role: 'dcc' };
export const HMICFRS: Actor = { userId: 'harriet.hmicfrs', role: 'hmicfrs' };
const SYSTEM = { userId: 'reminders', role: 'system' } as unknown as Actor;

/** One append: a stream and the events of one command. */
export interface Append {
  streamId: string;
  events: NewEvent[];
}

export interface HistoryOptions {
  seed: number;
  items: number;
  /** Commands tried in all (refused ones write nothing). */
  commands: number;
  inspections?: number;
  /** occurredAt of the first event; each item's events follow at random intervals. */
  start?: string;
}

const HOUR = 3_600_000;

/** Domain events with the metadata the workflow writes (who, when, why, which command). */
export function domainEvents(events: DomainEvent[], actor: Actor, occurredAt: string, reason?: string): NewEvent[] {
  const commandId = randomUUID();
  return events.map((event) => ({
    type: event.type,
    data: event.data,
    metadata: {
      userId: actor.userId,
      role: actor.role,
      commandId,
      correlationId: commandId,
      causationId: null,
      schemaVersion: schemaVersions[event.type],
      occurredAt,
      ...(reason === undefined ? {} : { reason }),
    },
  }));
}

export function inspectionRecorded(id: string, title: string, publishedOn: string, reportType: InspectionType = 'thematic'): Append {
  return {
    streamId: `inspection-${id}`,
    events: domainEvents(
      [{ type: 'InspectionReportRecorded', data: { id, reportType, title, publishedOn } }],
      LIAISON,
      `${publishedOn}T09:00:00.000Z`,
    ),
  };
}

/**
 * Valid histories of many items, interleaved as a real register's would be: every event is one that
 * `decide` accepted, so the machine's replay of any stream succeeds. Deterministic for a seed.
 */
export function* histories(options: HistoryOptions): Generator<Append> {
  const random = new Random(options.seed);
  const start = Date.parse(options.start ?? '2023-01-02T09:00:00.000Z');
  const inspections = Array.from({ length: options.inspections ?? 4 }, (_, i) => `insp-${i + 1}`);
  for (const [i, id] of inspections.entries()) {
    yield inspectionRecorded(id, `Inspection report ${i + 1}`, new Date(start - 30 * 24 * HOUR).toISOString().slice(0, 10));
  }
  const items: { id: string; state: RecommendationState; at: number }[] = [];
  for (let tried = 0; tried < options.commands; tried += 1) {
    if (items.length < options.items && (items.length === 0 || random.next() < 0.3)) {
      const id = `R-${items.length + 1}`;
      const at = start + random.below(200) * HOUR;
      const level = random.weighted<Level>([
        [1, 1],
        [2, 4],
        [3, 4],
        [4, 2],
      ]);
      const kind = random.weighted<ItemKind>([
        ['recommendation', 5],
        ['area_for_improvement', 3],
        ['cause_of_concern', 1],
      ]);
      const decision = decide(
        undefined,
        {
          type: 'OPEN_RECOMMENDATION',
          id,
          reference: id,
          kind,
          inspectionId: random.pick(inspections),
          text: `Item ${id}: the force should improve something specific`,
          level,
          addressee: 'Chief Constables',
          portfolio: random.pick(['Public Protection', 'Crime', 'Contact']),
          ...(random.next() < 0.6 ? { owner: OWNER.userId } : {}),
          ...(random.next() < 0.7 ? { dueDate: dateAfter(at, random.below(400)) } : {}),
        },
        LIAISON,
      );
      if (!decision.ok) throw new Error(decision.refusal.message);
      items.push({ id, state: decision.events.reduce<RecommendationState | undefined>(evolve, undefined)!, at });
      yield { streamId: `recommendation-${id}`, events: domainEvents(decision.events, LIAISON, new Date(at).toISOString()) };
      continue;
    }
    const item = random.pick(items);
    if (random.next() < 0.05) {
      // Reminders are written by the reminders job, not decided from a command: the machine only takes them in progress.
      const on = new Date(item.at + 24 * HOUR).toISOString().slice(0, 10);
      const reminder: DomainEvent = {
        type: 'ReminderIssued',
        data: { kind: 'due_soon', to: OWNER.userId, on, dueDate: item.state.context.dueDate },
      };
      if (!item.state.can(reminder as RecommendationEvent)) continue;
      item.at += 24 * HOUR;
      item.state = evolve(item.state, reminder as RecommendationEvent);
      yield { streamId: `recommendation-${item.id}`, events: domainEvents([reminder], SYSTEM, new Date(item.at).toISOString()) };
      continue;
    }
    const [command, actor] = commandFor(random, item.state, item.at);
    const decision = decide(item.state, command, actor);
    if (!decision.ok) continue;
    item.at += (1 + random.below(24 * 20)) * HOUR;
    item.state = decision.events.reduce(evolve, item.state);
    const reason = 'reason' in command ? command.reason : undefined;
    yield { streamId: `recommendation-${item.id}`, events: domainEvents(decision.events, actor, new Date(item.at).toISOString(), reason) };
  }
}

/** Commands weighted towards the road to closure, so histories reach every state. */
function commandFor(random: Random, state: RecommendationState, at: number): [LifecycleCommand, Actor] {
  const evidenceId = `ev-${random.below(3)}`;
  const choice = random.weighted<() => [LifecycleCommand, Actor]>([
    [() => [{ type: 'RATE', rag: random.pick(['red', 'amber', 'green'] as const) }, OWNER], 4],
    [() => [{ type: 'NOTE_PROGRESS', text: 'Dip sample completed' }, OWNER], 2],
    [
      () => [
        {
          type: 'ATTACH_EVIDENCE',
          evidenceId,
          title: `Evidence ${evidenceId}`,
          heldElsewhere: { location: 'Force file share', description: 'Held by the force' },
          sha256: 'e'.repeat(64),
          isChiefConstableLetter: evidenceId !== 'ev-2',
        },
        OWNER,
      ],
      5,
    ],
    [() => [{ type: 'REMOVE_EVIDENCE', evidenceId }, OWNER], 1],
    [() => [{ type: 'ASSIGN_OWNER', owner: random.pick([OWNER.userId, 'another.owner']) }, LIAISON], 2],
    [() => [{ type: 'CHANGE_DUE_DATE', dueDate: dateAfter(at, random.below(300)), reason: 'Re-planned' }, LIAISON], 2],
    [() => [{ type: 'SUBMIT' }, state.context.owner === 'another.owner' ? { userId: 'another.owner', role: 'owner' } : OWNER], 6],
    [() => [{ type: 'WITHDRAW' }, OWNER], 1],
    // The DCC confirms a rating not Green, as the approve page asks.
    [() => [{ type: 'APPROVE', confirmRating: state.context.rag !== 'green' }, DCC], 6],
    [() => [{ type: 'RETURN', reason: 'Evidence does not show the change is embedded' }, DCC], 1],
    [() => [{ type: 'VERIFY' }, HMICFRS], 4],
    [() => [{ type: 'REJECT', reason: 'Not yet embedded' }, HMICFRS], 1],
    [() => [{ type: 'CHANGE_LEVEL', level: random.pick([2, 3, 4] as const), reason: 'Engage' }, HMICFRS], 1],
    [() => [{ type: 'CLOSE_AND_ARCHIVE' }, HMICFRS], 0.2],
    [() => [{ type: 'REOPEN', reason: 'Concern raised again', dueDate: dateAfter(at, 90 + random.below(300)) }, HMICFRS], 0.5],
    [() => [{ type: 'MARK_NOT_APPLICABLE', reason: 'For the NPCC', addressedTo: 'NPCC' }, LIAISON], 0.15],
    [() => [{ type: 'LINK', otherId: `R-${1 + random.below(5)}`, relation: 'shares_evidence' }, LIAISON], 0.3],
  ]);
  return choice();
}

function dateAfter(at: number, days: number): string {
  return new Date(at + days * 24 * HOUR).toISOString().slice(0, 10);
}

/** Appends one after the other, as the workflow would. */
export async function appendAll(store: EventStore, appends: Iterable<Append>): Promise<number> {
  let events = 0;
  for (const { streamId, events: batch } of appends) {
    await store.append(streamId, batch, 'any');
    events += batch.length;
  }
  return events;
}
