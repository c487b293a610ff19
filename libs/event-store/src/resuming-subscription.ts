import { EventStoreUnavailable, StoreReplaced } from './errors';
import type { GlobalPosition, RecordedEvent } from './event';
import { storeKey, type AllSubscription, type EventStore, type SubscribeOptions } from './event-store.port';

export interface ResumeOptions {
  /** The wait before the first resubscription after a drop; it doubles after each further drop in a row (default 100 ms). */
  firstDelayMs?: number;
  /** The longest wait between two resubscriptions (default 30 s). */
  maxDelayMs?: number;
  /** Told of every drop and how long until the next try (to log it). */
  onDrop?: (error: EventStoreUnavailable, retryInMs: number) => void;
}

const DEFAULT_FIRST_DELAY_MS = 100;
const DEFAULT_MAX_DELAY_MS = 30_000;

/**
 * A subscription to the store's global order that outlives the store's drops: when the one beneath
 * fails as unavailable (EventStoreDB drops subscriptions on a restart, a leader change, a lost
 * connection, all as errors), it waits (doubling, `ResumeOptions`) and subscribes again strictly after
 * the last event it delivered, so its consumer sees every event once, with no gap. Before each
 * resubscription it checks the store is still the one it followed (`EventStore.identity`), and fails
 * with `StoreReplaced` rather than resume from a position in another store. Anything but an outage
 * (an unreadable event, a bug) ends it with that error, as `subscribeToAll` would. Used by every
 * follower that has no checkpoints of its own to restart from (the reminders', the sealer's); the
 * projector restarts from its checkpoints instead, which also decide what it rebuilds.
 */
export function resumingSubscription(store: EventStore, options: SubscribeOptions & ResumeOptions = {}): AllSubscription {
  return new ResumingSubscription(store, options);
}

class ResumingSubscription implements AllSubscription {
  private closed = false;
  private current: AllSubscription | undefined;
  private wake: (() => void) | undefined;
  private iterator: AsyncGenerator<RecordedEvent> | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly options: SubscribeOptions & ResumeOptions,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    this.iterator ??= this.deliver();
    return this.iterator;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    await this.current?.close();
  }

  private async *deliver(): AsyncGenerator<RecordedEvent> {
    const { firstDelayMs = DEFAULT_FIRST_DELAY_MS, maxDelayMs = DEFAULT_MAX_DELAY_MS } = this.options;
    let after: GlobalPosition | undefined = this.options.after;
    let followed: string | undefined;
    let caughtUp = false;
    let drops = 0;
    while (!this.closed) {
      try {
        const identity = storeKey(await this.store.identity());
        if (followed !== undefined && identity !== followed) throw new StoreReplaced(followed, identity);
        followed = identity;
        if (this.closed) return;
        const subscription = this.store.subscribeToAll({
          after,
          onCaughtUp: () => {
            drops = 0;
            if (caughtUp) return;
            caughtUp = true;
            this.options.onCaughtUp?.();
          },
        });
        this.current = subscription;
        for await (const event of subscription) {
          // Strictly after the last one delivered, whatever the store beneath does on a resubscription.
          if (after !== undefined && event.position <= after) continue;
          after = event.position;
          drops = 0;
          yield event;
        }
        // A subscription beneath ends without an error only when it (or its store) was closed.
        return;
      } catch (error) {
        if (this.closed) return;
        if (!(error instanceof EventStoreUnavailable)) throw error;
        drops += 1;
        const waitMs = Math.min(maxDelayMs, firstDelayMs * 2 ** (drops - 1));
        this.options.onDrop?.(error, waitMs);
        await this.pause(waitMs);
      } finally {
        await this.current?.close();
        this.current = undefined;
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
