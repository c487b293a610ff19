import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, type Clock } from '@hmicfrs/clock';
import { AppConfig } from '@hmicfrs/config';
import { EVENT_STORE, type EventStore } from '@hmicfrs/event-store';
import { RecommendationWorkflow } from '@hmicfrs/workflow';
import { notifierFor } from './notifier';
import { Outbox } from './outbox';
import { RemindersRun } from './reminder-run';
import { reminderSettings } from './reminder-settings';

/**
 * The API's reminders, as configured: a run over the outbox in DATA_DIR, opened the first time it is
 * needed (so an API with reminders off never creates outbox.db) and closed last, once the daily job and
 * the follower of changes have stopped (their `beforeApplicationShutdown`).
 */
@Injectable()
export class Reminders implements OnApplicationShutdown {
  private outbox: Outbox | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly workflow: RecommendationWorkflow,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  run(): RemindersRun {
    this.outbox ??= Outbox.open(this.config.DATA_DIR);
    return new RemindersRun(this.workflow, this.store, this.outbox, notifierFor(this.config), reminderSettings(this.config), this.clock);
  }

  onApplicationShutdown(): void {
    this.outbox?.close();
  }
}
