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
  type Refusal,
} from '@hmicfrs/lifecycle';
import { CLOCK, type Clock } from './clock';
import { COMMAND_ACTIONS } from './command-actions';
import type { CommandRequest } from './command-request';
import { CommandRefused, IdempotencyKeyReused, ItemNotFound, UnknownInspectionReport, UnknownLinkedItem } from './errors';
import { itemView, type ItemView } from './item-view';
import { occurredAt } from './occurred-at';
import { RecentItems, type FoldedItem } from './recent-items';

export const recommendationStream = (id: string): string => `recommendation-${id}`;
export const inspectionStream = (id: string): string => `inspection-${id}`;

/** What a command on an item answers: the item as it now stands, and the facts it recorded. */
export interface ItemOutcome extends ItemView {
  recorded: { revision: number; type: string; data: unknown }[];
  /** True when this was a retry (same Idempotency-Key) and nothing new was written. */
  replayed: boolean;
}

/** Enough for any force's whole register; a few KiB each. */
const RECENT_ITEMS = 5_000;

/**
 * Every command takes the same road: load the stream, fold it through the machine, check who is
 * asking, decide, append with the revision that was read. The rules are the machine's; this only
 * moves facts between the store and the machine.
 */
@Injectable()
export class RecommendationWorkflow {
  private readonly recent = new RecentItems(RECENT_ITEMS);

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
    return this.record(command.id, undefined, NO_STREAM_REVISION, decision.events, request, commandId, command, when);
  }

  async execute(id: string, command: LifecycleCommand, request: CommandRequest): Promise<ItemOutcome> {
    const stream = recommendationStream(id);
    const commandId = commandIdOf(request);
    // Without an Idempotency-Key the command's id is new, so no stored event can hold it: only a keyed
    // command looks through the whole stream for what it wrote the first time.
    if (request.idempotencyKey !== undefined) {
      const stored = await this.store.readStream(stream);
      const earlier = earlierEvents(stored, commandId, command, request);
      if (earlier) return earlierAnswer(stored, earlier, request.actor);
    }
    const item = await this.current(id);
    if (item === undefined) throw new ItemNotFound(id);
    const { state, revision } = item;
    const permission = permits(request.actor, COMMAND_ACTIONS[command.type], state.context);
    if (!permission.allowed) throw new AccessDenied(permission.reason);
    if (request.expectedRevision !== undefined && request.expectedRevision !== revision) {
      throw new WrongExpectedRevision(stream, request.expectedRevision, revision);
    }
    const when = occurredAt(request.occurredAt, this.clock(), item.lastOccurredAt);
    const decision = decide(state, command, request.actor);
    if (!decision.ok) throw new CommandRefused(decision.refusal);
    if (command.type === 'LINK' && (await this.store.readStream(recommendationStream(command.otherId), { toRevision: 0 })).length === 0) {
      throw new UnknownLinkedItem(command.otherId);
    }
    return this.record(id, state, revision, decision.events, request, commandId, command, when);
  }

  /** The item now, or as it stood at `asAt` (occurred) as far as was known at `knownAt` (recorded). */
  async item(id: string, actor: Actor, past: { asAt?: Date; knownAt?: Date } = {}): Promise<ItemView> {
    if (past.asAt === undefined && past.knownAt === undefined) {
      const item = await this.current(id);
      if (item === undefined) throw new ItemNotFound(id);
      return itemView(item.state, item.revision, actor);
    }
    const stored = await this.store.readStream(recommendationStream(id), { recordedUpTo: past.knownAt });
    const asAt = past.asAt?.toISOString();
    // occurredAt never goes backwards within a stream, so the events as at a date are a prefix.
    const events = asAt === undefined ? stored : stored.filter((event) => event.metadata.occurredAt <= asAt);
    const state = replay(events);
    if (state === undefined) throw new ItemNotFound(id, 'at that date');
    return itemView(state, events[events.length - 1].revision, actor, { asAt, knownAt: past.knownAt?.toISOString() });
  }

  /** The lifecycle's refusals of `commands` on the item as it stands, recording nothing (a page explains what is missing). */
  async refusals(id: string, commands: LifecycleCommand[], actor: Actor): Promise<Refusal[]> {
    const item = await this.current(id);
    if (item === undefined) throw new ItemNotFound(id);
    return commands.flatMap((command) => {
      const decision = decide(item.state, command, actor);
      return decision.ok ? [] : [decision.refusal];
    });
  }

  /** The item now: the fold this process last made of it, carried on through whatever was recorded since. */
  private async current(id: string): Promise<FoldedItem | undefined> {
    const known = this.recent.get(id);
    const since = await this.store.readStream(recommendationStream(id), { fromRevision: known === undefined ? 0 : known.revision + 1 });
    if (since.length === 0) return known;
    const last = since[since.length - 1];
    const item = { state: replay(since, known) as RecommendationState, revision: last.revision, lastOccurredAt: last.metadata.occurredAt };
    this.recent.remember(id, item);
    return item;
  }

  private async record(
    id: string,
    state: RecommendationState | undefined,
    revision: number,
    events: RecommendationEvent[],
    request: CommandRequest,
    commandId: string,
    command: object,
    when: string,
  ): Promise<ItemOutcome> {
    let result;
    try {
      result = await this.store.append(recommendationStream(id), this.toNew(events, request, commandId, command, when), revision === NO_STREAM_REVISION ? 'no_stream' : revision);
    } catch (error) {
      // Someone else moved the item on (or the store was restored to before it): fold it afresh next time.
      if (error instanceof WrongExpectedRevision) this.recent.forget(id);
      throw error;
    }
    const after = events.reduce<RecommendationState | undefined>(evolve, state) as RecommendationState;
    const last = result.events[result.events.length - 1];
    if (!result.duplicate) this.recent.remember(id, { state: after, revision: last.revision, lastOccurredAt: when });
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
