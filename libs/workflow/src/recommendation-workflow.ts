import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AccessDenied, permits, type Actor } from '@hmicfrs/auth';
import {
  EVENT_STORE,
  NO_STREAM_REVISION,
  WrongExpectedRevision,
  canonicalJson,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '@hmicfrs/event-store';
import {
  decide,
  decideInspectionReport,
  evolve,
  replay,
  replayInspectionReport,
  schemaVersions,
  type DomainEvent,
  type InspectionReport,
  type LifecycleCommand,
  type OpenRecommendation,
  type RecommendationEvent,
  type RecommendationState,
  type RecordInspectionReport,
} from '@hmicfrs/lifecycle';
import { CLOCK, type Clock } from './clock';
import { COMMAND_ACTIONS } from './command-actions';
import type { CommandRequest } from './command-request';
import { CommandRefused, IdempotencyKeyReused, ItemNotFound, UnknownInspectionReport, UnknownLinkedItem } from './errors';
import { itemView, type ItemView } from './item-view';
import { occurredAt } from './occurred-at';

export const recommendationStream = (id: string): string => `recommendation-${id}`;
export const inspectionStream = (id: string): string => `inspection-${id}`;

/** What a command on an item answers: the item as it now stands, and the facts it recorded. */
export interface ItemOutcome extends ItemView {
  recorded: { revision: number; type: string; data: unknown }[];
  /** True when this was a retry (same Idempotency-Key) and nothing new was written. */
  replayed: boolean;
}

/**
 * Every command takes the same road: load the stream, fold it through the machine, check who is
 * asking, decide, append with the revision that was read. The rules are the machine's; this only
 * moves facts between the store and the machine.
 */
@Injectable()
export class RecommendationWorkflow {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async recordInspectionReport(command: RecordInspectionReport, request: CommandRequest): Promise<InspectionReport> {
    const stream = inspectionStream(command.id);
    const commandId = commandIdOf(request);
    const stored = await this.store.readStream(stream);
    if (earlierEvents(stored, commandId, command, request)) return replayInspectionReport(stored) as InspectionReport;
    const decision = decideInspectionReport(replayInspectionReport(stored), command);
    if (!decision.ok) throw new CommandRefused(decision.refusal);
    const when = occurredAt(request.occurredAt, this.clock());
    await this.store.append(stream, this.toNew(decision.events, request, commandId, command, when), 'no_stream');
    return decision.events[0].data;
  }

  async open(command: OpenRecommendation, request: CommandRequest): Promise<ItemOutcome> {
    const stream = recommendationStream(command.id);
    const commandId = commandIdOf(request);
    const stored = await this.store.readStream(stream);
    const earlier = earlierEvents(stored, commandId, command, request);
    if (earlier) return earlierAnswer(stored, earlier, request.actor);
    if (stored.length === 0 && (await this.store.readStream(inspectionStream(command.inspectionId))).length === 0) {
      throw new UnknownInspectionReport(command.inspectionId);
    }
    const state = replay(stored);
    const decision = decide(state, command, request.actor);
    if (!decision.ok) throw new CommandRefused(decision.refusal);
    const when = occurredAt(request.occurredAt, this.clock());
    return this.record(stream, undefined, NO_STREAM_REVISION, decision.events, request, commandId, command, when);
  }

  async execute(id: string, command: LifecycleCommand, request: CommandRequest): Promise<ItemOutcome> {
    const stream = recommendationStream(id);
    const commandId = commandIdOf(request);
    const stored = await this.store.readStream(stream);
    if (stored.length === 0) throw new ItemNotFound(id);
    const earlier = earlierEvents(stored, commandId, command, request);
    if (earlier) return earlierAnswer(stored, earlier, request.actor);
    const state = replay(stored) as RecommendationState;
    const permission = permits(request.actor, COMMAND_ACTIONS[command.type], state.context);
    if (!permission.allowed) throw new AccessDenied(permission.reason);
    const last = stored[stored.length - 1];
    if (request.expectedRevision !== undefined && request.expectedRevision !== last.revision) {
      throw new WrongExpectedRevision(stream, request.expectedRevision, last.revision);
    }
    const when = occurredAt(request.occurredAt, this.clock(), last.metadata.occurredAt);
    const decision = decide(state, command, request.actor);
    if (!decision.ok) throw new CommandRefused(decision.refusal);
    if (command.type === 'LINK' && (await this.store.readStream(recommendationStream(command.otherId), { toRevision: 0 })).length === 0) {
      throw new UnknownLinkedItem(command.otherId);
    }
    return this.record(stream, state, last.revision, decision.events, request, commandId, command, when);
  }

  /** The item now, or as it stood at `asAt` (occurred) as far as was known at `knownAt` (recorded). */
  async item(id: string, actor: Actor, past: { asAt?: Date; knownAt?: Date } = {}): Promise<ItemView> {
    const stored = await this.store.readStream(recommendationStream(id), { recordedUpTo: past.knownAt });
    const asAt = past.asAt?.toISOString();
    // occurredAt never goes backwards within a stream, so the events as at a date are a prefix.
    const events = asAt === undefined ? stored : stored.filter((event) => event.metadata.occurredAt <= asAt);
    const state = replay(events);
    if (state === undefined) throw new ItemNotFound(id, past.asAt || past.knownAt ? 'at that date' : undefined);
    const isPast = past.asAt !== undefined || past.knownAt !== undefined;
    return itemView(state, events[events.length - 1].revision, actor, isPast ? { asAt, knownAt: past.knownAt?.toISOString() } : undefined);
  }

  private async record(
    stream: string,
    state: RecommendationState | undefined,
    revision: number,
    events: RecommendationEvent[],
    request: CommandRequest,
    commandId: string,
    command: object,
    when: string,
  ): Promise<ItemOutcome> {
    const result = await this.store.append(stream, this.toNew(events, request, commandId, command, when), revision === NO_STREAM_REVISION ? 'no_stream' : revision);
    const after = events.reduce<RecommendationState | undefined>(evolve, state) as RecommendationState;
    return outcome(after, result.events, request.actor, false);
  }

  private toNew(
    events: DomainEvent[],
    request: CommandRequest,
    commandId: string,
    command: object,
    when: string,
  ): NewEvent[] {
    const reason = (command as { reason?: unknown }).reason;
    return events.map((event) => ({
      type: event.type,
      data: event.data,
      metadata: {
        userId: request.actor.userId,
        role: request.actor.role,
        commandId,
        correlationId: request.correlationId ?? commandId,
        causationId: null,
        schemaVersion: schemaVersions[event.type],
        occurredAt: when,
        ...(typeof reason === 'string' ? { reason } : {}),
        extra: { ...request.extra, request: fingerprint(command, request) },
      },
    }));
  }
}

function outcome(state: RecommendationState, events: RecordedEvent[], actor: Actor, replayed: boolean): ItemOutcome {
  const view = itemView(state, events[events.length - 1].revision, actor);
  return { ...view, recorded: events.map(({ revision, type, data }) => ({ revision, type, data })), replayed };
}

/** The events a retried command (same key, same request) wrote the first time; the same key for another request is refused. */
function earlierEvents(stored: RecordedEvent[], commandId: string, command: object, request: CommandRequest): RecordedEvent[] | undefined {
  const mine = stored.filter((event) => event.metadata.commandId === commandId);
  if (mine.length === 0) return undefined;
  if (mine[0].metadata.extra?.request !== fingerprint(command, request)) {
    throw new IdempotencyKeyReused(request.idempotencyKey ?? commandId);
  }
  return mine;
}

/** The first answer again: the item as it stood right after the command's events. */
function earlierAnswer(stored: RecordedEvent[], mine: RecordedEvent[], actor: Actor): ItemOutcome {
  const state = replay(stored.slice(0, mine[mine.length - 1].revision + 1)) as RecommendationState;
  return outcome(state, mine, actor, true);
}

/** Keys are scoped to the user who sent them, as payment APIs scope them to an account. */
function commandIdOf(request: CommandRequest): string {
  return request.idempotencyKey === undefined ? randomUUID() : `${request.actor.userId}:${request.idempotencyKey}`;
}

function fingerprint(command: object, request: CommandRequest): string {
  return createHash('sha256').update(canonicalJson({ command, occurredAt: request.occurredAt ?? null })).digest('hex');
}
