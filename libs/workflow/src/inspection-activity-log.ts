import { Inject, Injectable, Optional } from '@nestjs/common';
import { CLOCK, type Clock } from '@hmicfrs/clock';
import { EVENT_STORE, type EventStore } from '@hmicfrs/event-store';
import {
  activityStream,
  decideInspectionActivity,
  evolveInspectionActivity,
  recommendationStream,
  replayInspectionActivity,
  type InspectionActivity,
  type InspectionActivityCommand,
  type InspectionActivityEvent,
  type RecordInspectionActivity,
} from '@hmicfrs/lifecycle';
import { CommandPipeline, type FoldedStreams } from './command-pipeline';
import type { CommandRequest } from './command-request';
import { allow, decided } from './decided';
import { UnknownLinkedItem } from './errors';
import { HISTORY_INTEGRITY, type HistoryIntegrity } from './history-integrity';

/**
 * HMICFRS in force (docs/architecture.md, "Events"): each inspection's fieldwork one stream
 * (`activity-<id>`), recorded and its debrief noted by the liaison officer (the policy's
 * `inspection.record`) through the one command pipeline.
 */
@Injectable()
export class InspectionActivityLog {
  private readonly pipeline: CommandPipeline;
  private readonly activities: FoldedStreams<InspectionActivity>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) clock: Clock,
    @Optional() @Inject(HISTORY_INTEGRITY) integrity?: HistoryIntegrity,
  ) {
    this.pipeline = new CommandPipeline(store, clock, integrity);
    this.activities = this.pipeline.streams<InspectionActivity>(
      {
        fold: (events, from) => replayInspectionActivity(events, from),
        evolve: (state, facts) =>
          (facts as InspectionActivityEvent[]).reduce<InspectionActivity | undefined>(
            (s, fact) => evolveInspectionActivity(s, fact),
            state,
          )!,
      },
      0,
    );
  }

  /** Fieldwork announced or held; every item it re-visits must be on the register. */
  record(command: RecordInspectionActivity, request: CommandRequest): Promise<InspectionActivity> {
    return this.write(command.id, command, request, async (state) => {
      if (state !== undefined) return;
      for (const id of command.revisits) {
        if (!(await this.store.streamExists(recommendationStream(id)))) throw new UnknownLinkedItem(id);
      }
    });
  }

  noteDebrief(id: string, notes: string, request: CommandRequest): Promise<InspectionActivity> {
    return this.write(id, { type: 'NOTE_INSPECTION_DEBRIEF', notes }, request);
  }

  private async write(
    id: string,
    command: InspectionActivityCommand,
    request: CommandRequest,
    more?: (state: InspectionActivity | undefined) => Promise<void>,
  ): Promise<InspectionActivity> {
    const written = await this.pipeline.handle(
      this.activities,
      {
        stream: activityStream(id),
        command,
        check: async (state) => {
          allow(request.actor, 'inspection.record');
          await more?.(state);
        },
        decide: (state) => decided(decideInspectionActivity(state, command)),
      },
      request,
    );
    return written.state;
  }
}
