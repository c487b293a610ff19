import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, type Clock } from '@hmicfrs/clock';
import { AppConfig } from '@hmicfrs/config';
import { EVENT_STORE, type AllSubscription, type EventStore } from '@hmicfrs/event-store';
import { itemIdOf } from '@hmicfrs/lifecycle';
import { RecommendationWorkflow } from '@hmicfrs/workflow';
import { notifierFor } from './notifier';
import { Outbox } from './outbox';
import { RemindersRun } from './reminder-run';
import { reminderSettings } from './reminder-settings';

/** What makes a pending reminder wrong: a new owner or due date, a rating, or the item moving on. */
const CHANGES = new Set(['OwnerAssigned', 'DueDateChanged', 'RagRated', 'SubmittedForClosure', 'SelfCertified', 'SubmittedToHmicfrs', 'ClosureReturned', 'ClosedAndArchived', 'MarkedNotApplicable']);

/**
 * Cancels pending reminders as soon as the item changes under them (reassigned, new due date, moved on),
 * following the store's live events from where it stands at start-up; the daily run catches anything missed.
 */
@Injectable()
export class OutgrownReminders implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Reminders');
  private subscription: AllSubscription | undefined;
  private following: Promise<void> | undefined;
  private outbox: Outbox | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly workflow: RecommendationWorkflow,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.REMINDERS_DAILY_AT === 'off') return;
    const { position } = await this.store.health();
    this.subscription = this.store.subscribeToAll(position === null ? {} : { after: position });
    this.following = this.follow(this.subscription);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
    await this.following;
    this.outbox?.close();
  }

  private async follow(subscription: AllSubscription): Promise<void> {
    try {
      for await (const event of subscription) {
        const itemId = itemIdOf(event.streamId);
        if (!CHANGES.has(event.type) || itemId === undefined) continue;
        this.outbox ??= Outbox.open(this.config.DATA_DIR);
        const run = new RemindersRun(this.workflow, this.store, this.outbox, notifierFor(this.config), reminderSettings(this.config), this.clock);
        for (const cancelled of await run.cancelOutgrownFor(itemId)) {
          this.logger.log(`Cancelled ${cancelled.id}: ${cancelled.reason}`);
        }
      }
    } catch (error) {
      // The daily run still cancels what this missed; the operator should know it stopped following.
      this.logger.error(`Stopped following changes for reminders: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
}
