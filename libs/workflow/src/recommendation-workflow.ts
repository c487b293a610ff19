import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Actor } from '@hmicfrs/auth';
import { CLOCK, ukDay, type Clock } from '@hmicfrs/clock';
import { EVENT_STORE, type EventStore } from '@hmicfrs/event-store';
import {
  activityStream,
  decide,
  decideInspectionReport,
  dueDateWithin,
  evolve,
  receivedOn,
  inspectionStream,
  personStream,
  recommendationStream,
  replay,
  refusalOf,
  replayInspectionReport,
  type DomainEvent,
  type InspectionReport,
  type LifecycleCommand,
  type LifecycleCommandType,
  type OpenRecommendation,
  type RecommendationEvent,
  type RecommendationState,
  type RecordInspectionReport,
  type RecordNotice,
  type Refusal,
  type SystemActor,
} from '@hmicfrs/lifecycle';
import { COMMAND_ACTIONS } from './command-actions';
import { CommandPipeline, type FoldedStreams, type Written } from './command-pipeline';
import type { CommandRequest } from './command-request';
import { allow, decided } from './decided';
import { commandIdOf } from './event-envelope';
import { onDay } from './on-day';
import {
  ItemNotFound,
  OccurredAtRefused,
  UnknownInspectionActivity,
  UnknownInspectionReport,
  UnknownLinkedItem,
  UnknownPerson,
} from './errors';
import { HISTORY_INTEGRITY, type HistoryIntegrity } from './history-integrity';
import { itemView, type ItemView } from './item-view';
import { WrittenPositions } from './written-positions';

/** What a command on an item answers: the item as it now stands, and the facts it recorded. */
export interface ItemOutcome extends ItemView {
  recorded: { revision: number; type: string; data: unknown }[];
  /** True when this was a retry (same Idempotency-Key) and nothing new was written. */
  replayed: boolean;
  /**
   * The store position of the command's last event (the first time's, for a retry), as decimal text: a
   * read that sends it as `Min-Position` waits until the read models show the command.
   */
  position: string;
}

/** Enough for any force's whole register; a few KiB each. */
const RECENT_ITEMS = 5_000;

/**
 * The commands of items and inspection reports, each sent down the one command pipeline with what the
 * lifecycle decides. The rules are the machine's; this only says which stream, who may, and what to ask.
 */
@Injectable()
export class RecommendationWorkflow {
  private readonly pipeline: CommandPipeline;
  private readonly items: FoldedStreams<RecommendationState>;
  private readonly reports: FoldedStreams<InspectionReport>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(HISTORY_INTEGRITY) integrity?: HistoryIntegrity,
    @Optional() positions?: WrittenPositions,
  ) {
    this.pipeline = new CommandPipeline(store, clock, integrity, positions);
    this.items = this.pipeline.streams<RecommendationState>(
      { fold: (events, from) => replay(events, from), evolve: (state, facts) => facts.reduce(evolveItem, state) as RecommendationState },
      RECENT_ITEMS,
    );
    this.reports = this.pipeline.streams<InspectionReport>(
      { fold: (events) => replayInspectionReport(events), evolve: (_, facts) => facts[0].data as InspectionReport },
      0,
    );
  }

  async recordInspectionReport(command: RecordInspectionReport, request: CommandRequest): Promise<InspectionReport> {
    const written = await this.pipeline.handle(
      this.reports,
      {
        stream: inspectionStream(command.id),
        command,
        check: () => allow(request.actor, 'inspection.record'),
        decide: (report) => decided(decideInspectionReport(report, command)),
      },
      request,
    );
    return written.state;
  }

  /**
   * Opens an item as at the day it came (`receivedOn`: the day given, else its report's publication) unless
   * the request says when; a due date given as a span of the publication is worked out from the report.
   */
  async open(given: OpenRecommendation, request: CommandRequest): Promise<ItemOutcome> {
    const report = replayInspectionReport(await this.store.readStream(inspectionStream(given.inspectionId)));
    if (report === undefined) throw new UnknownInspectionReport(given.inspectionId);
    const command = given.dueWithin === undefined ? given : { ...given, dueDate: dueDateWithin(report.publishedOn, given.dueWithin) };
    const written = await this.pipeline.handle(
      this.items,
      {
        stream: recommendationStream(command.id),
        command,
        check: async (state) => {
          allow(request.actor, 'recommendation.open');
          if (state === undefined && command.owner) await this.mustBeInDirectory(command.owner, 'owner');
        },
        decide: (state) => decided(decide(state, command, request.actor)),
      },
      request.occurredAt === undefined ? this.asReceived(given, report, request) : request,
    );
    return outcome(written, request.actor);
  }

  /** The request as at the day an item came: a day given as received may not be after today (a report recorded ahead opens now). */
  private asReceived(command: OpenRecommendation, report: InspectionReport, request: CommandRequest): CommandRequest {
    const today = ukDay(this.clock());
    if (command.receivedOn !== undefined && command.receivedOn > today) {
      throw new OccurredAtRefused(`cannot be after today: receivedOn is ${command.receivedOn}`);
    }
    const when = onDay(receivedOn(command, report), today);
    return { ...request, ...when, ...(when.extra ? { extra: { ...request.extra, ...when.extra } } : {}) };
  }

  async execute(id: string, command: LifecycleCommand, request: CommandRequest): Promise<ItemOutcome> {
    const written = await this.pipeline.handle(
      this.items,
      {
        stream: recommendationStream(id),
        command,
        check: (state) => {
          if (state === undefined) throw new ItemNotFound(id);
          allow(request.actor, COMMAND_ACTIONS[command.type], state.context);
        },
        decide: async (state) => {
          const events = decided(decide(state, command, request.actor));
          if (command.type === 'LINK' && !(await this.store.streamExists(recommendationStream(command.otherId)))) {
            throw new UnknownLinkedItem(command.otherId);
          }
          if (command.type === 'ASSIGN_OWNER') await this.mustBeInDirectory(command.owner, 'owner');
          const inspection = command.type === 'VERIFY' ? command.inspection : undefined;
          if (
            inspection !== undefined &&
            'activityId' in inspection &&
            !(await this.store.streamExists(activityStream(inspection.activityId)))
          ) {
            throw new UnknownInspectionActivity(inspection.activityId);
          }
          return events;
        },
      },
      request,
    );
    return outcome(written, request.actor);
  }

  /**
   * A retried command's first answer (the same Idempotency-Key with the same request), deciding nothing
   * on the item as it is now; undefined when it is no retry. For a caller that asks more of the item
   * before it sends the command (an upload, before its files are kept): a retry is answered first.
   */
  async retried(id: string, command: LifecycleCommand, request: CommandRequest): Promise<ItemOutcome | undefined> {
    if (request.idempotencyKey === undefined) return undefined;
    const write = { stream: recommendationStream(id), command, decide: () => [] };
    const written = await this.items.earlier(write, request, commandIdOf(request));
    return written === undefined ? undefined : outcome(written, request.actor);
  }

  /**
   * Records a reminder or escalation on the item, once per command id (the reminders give one per item,
   * kind and day). Undefined when the item is gone or no longer takes reminders.
   */
  async remind(id: string, command: RecordNotice, request: CommandRequest<SystemActor>): Promise<Written<RecommendationState>> {
    return this.pipeline.handle(
      this.items,
      {
        stream: recommendationStream(id),
        command,
        check: (state) => {
          if (state === undefined) throw new ItemNotFound(id);
        },
        decide: (state) => decided(decide(state, command, request.actor)),
      },
      request,
    );
  }

  /** Every person field names someone in the directory of people (`person-<id>`), or the command is refused naming them. */
  private async mustBeInDirectory(id: string, field: string): Promise<void> {
    if (!(await this.store.streamExists(personStream(id)))) throw new UnknownPerson(id, field);
  }

  /**
   * The item now, or as it stood at `asAt` (occurred) as far as was known at `knownAt` (recorded), or at
   * `revision` (as a page showed it, which a form from that page is read against).
   */
  async item(id: string, actor: Actor, past: { asAt?: Date; knownAt?: Date; revision?: number } = {}): Promise<ItemView> {
    if (past.asAt === undefined && past.knownAt === undefined && past.revision === undefined) {
      const item = await this.items.current(recommendationStream(id));
      if (item === undefined) throw new ItemNotFound(id);
      return itemView(item.state, item.revision, actor);
    }
    const stored = await this.store.readStream(recommendationStream(id), { recordedUpTo: past.knownAt });
    const asAt = past.asAt?.toISOString();
    // occurredAt never goes backwards within a stream, so the events as at a date are a prefix.
    const events = stored.filter(
      (event) =>
        (asAt === undefined || event.metadata.occurredAt <= asAt) && (past.revision === undefined || event.revision <= past.revision),
    );
    const state = replay(events);
    if (state === undefined) throw new ItemNotFound(id, 'at that date');
    return itemView(state, events[events.length - 1].revision, actor, { asAt, knownAt: past.knownAt?.toISOString() });
  }

  /**
   * The lifecycle's refusal of each command type the item does not take now, whatever the command's content
   * would be, recording nothing: a page says what is missing and who can supply it instead of offering it.
   */
  async refusalsOf(id: string, types: readonly LifecycleCommandType[], actor: Actor): Promise<Refusal[]> {
    const item = await this.items.current(recommendationStream(id));
    if (item === undefined) throw new ItemNotFound(id);
    return types.flatMap((type) => {
      const refusal = refusalOf(item.state, type, actor);
      return refusal === undefined ? [] : [refusal];
    });
  }

  /** The lifecycle's refusals of `commands` on the item as it stands, recording nothing (a page explains what is missing). */
  async refusals(id: string, commands: LifecycleCommand[], actor: Actor): Promise<Refusal[]> {
    const item = await this.items.current(recommendationStream(id));
    if (item === undefined) throw new ItemNotFound(id);
    return commands.flatMap((command) => {
      const decision = decide(item.state, command, actor);
      return decision.ok ? [] : [decision.refusal];
    });
  }
}

function evolveItem(state: RecommendationState | undefined, fact: DomainEvent): RecommendationState {
  return evolve(state, fact as RecommendationEvent);
}

function outcome({ state, revision, events, replayed }: Written<RecommendationState>, actor: Actor): ItemOutcome {
  const view = itemView(state, revision, actor);
  const position = events[events.length - 1].position.toString();
  return { ...view, recorded: events.map(({ revision, type, data }) => ({ revision, type, data })), replayed, position };
}
