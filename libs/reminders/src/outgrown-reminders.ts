import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@hmicfrs/config';
import { EVENT_STORE, resumingSubscription, StoreReplaced, type AllSubscription, type EventStore } from '@hmicfrs/event-store';
import { itemIdOf } from '@hmicfrs/lifecycle';
import { Reminders } from './reminders';

/** What makes a pending reminder wrong: a new owner or due date, a rating, or the item moving on. */
const CHANGES = new Set([
  'OwnerAssigned',
  'DueDateChanged',
  'RagRated',
  'SubmittedForClosure',
  'SelfCertified',
  'SubmittedToHmicfrs',
  'ClosureReturned',
  'ClosedAndArchived',
  'MarkedNotApplicable',
]);

/**
 * Cancels pending reminders as soon as the item changes under them (reassigned, new due date, moved on),
 * following the store's live events from where it stands at start-up; the daily run catches anything missed.
 * A dropped subscription is resumed after the last event handled (`resumingSubscription`, with backoff);
 * a store replaced under the API is followed again from its head.
 */
@Injectable()
export class OutgrownReminders implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Reminders');
  private subscription: AllSubscription | undefined;
  private following: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly config: AppConfig,
    private readonly reminders: Reminders,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.REMINDERS_DAILY_AT === 'off') return;
    this.following = this.follow(await this.subscribeFromHead());
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.subscription?.close();
    await this.following;
  }

  private async subscribeFromHead(): Promise<AllSubscription> {
    const { position } = await this.store.health();
    this.subscription = resumingSubscription(this.store, {
      after: position ?? undefined,
      onDrop: (error, retryInMs) =>
        this.logger.warn(
          `Following changes for reminders: ${error.message}; resubscribing in ${retryInMs} ms after the last event handled`,
        ),
    });
    return this.subscription;
  }

  private async follow(first: AllSubscription): Promise<void> {
    try {
      for (let subscription = first; ;) {
        try {
          return await this.cancelAsItemsChange(subscription);
        } catch (error) {
          if (!(error instanceof StoreReplaced) || this.stopping) throw error;
          this.logger.warn(`${error.message}: following changes for reminders from its head`);
          subscription = await this.subscribeFromHead();
        }
      }
    } catch (error) {
      // The daily run still cancels what this missed; the operator should know it stopped following.
      this.logger.error(
        `Stopped following changes for reminders: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  }

  private async cancelAsItemsChange(subscription: AllSubscription): Promise<void> {
    for await (const event of subscription) {
      const itemId = itemIdOf(event.streamId);
      if (!CHANGES.has(event.type) || itemId === undefined) continue;
      for (const cancelled of await this.reminders.run().cancelOutgrownFor(itemId)) {
        this.logger.log(`Cancelled ${cancelled.id}: ${cancelled.reason}`);
      }
    }
  }
}
