import type { GlobalPosition, RecordedEvent } from '../event';
import type { AllSubscription, SubscribeOptions } from '../event-store.port';
import { toRecordedEvent, type EventRow } from './event-rows';

export interface SubscriptionSource {
  /** Up to `limit` stored rows strictly after `after`, in global order. */
  readPage(after: GlobalPosition, limit: number): EventRow[];
  pageSize: number;
  /** How often to look for events appended by other connections to the same file. */
  pollIntervalMs: number;
}

/**
 * Catches up page by page, then waits for more. Appends through the same store wake it at once
 * (`appended`); appends by another process or store instance on the same file are found by polling,
 * since SQLite tells no one about another connection's commits.
 */
export class SqliteSubscription implements AllSubscription {
  private closed = false;
  /** Set by an append since the last page was read, so a wake-up that came while delivering is not lost. */
  private appendedSinceRead = false;
  private wake: (() => void) | undefined;
  private readonly events: AsyncGenerator<RecordedEvent>;

  constructor(
    private readonly source: SubscriptionSource,
    options: SubscribeOptions,
    private readonly onEnd: (subscription: SqliteSubscription) => void,
  ) {
    this.events = this.deliver(options.after ?? 0n, options.onCaughtUp);
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.events;
  }

  /** Called by the store after each append it made. */
  appended(): void {
    this.appendedSinceRead = true;
    this.wake?.();
  }

  async close(): Promise<void> {
    this.end();
    this.wake?.();
  }

  private async *deliver(after: GlobalPosition, onCaughtUp: (() => void) | undefined): AsyncGenerator<RecordedEvent> {
    let checkpoint = after;
    let caughtUp = false;
    try {
      while (!this.closed) {
        this.appendedSinceRead = false;
        const rows = this.source.readPage(checkpoint, this.source.pageSize);
        for (let i = 0; i < rows.length; i += 1) {
          const event = toRecordedEvent(rows[i]);
          checkpoint = event.position;
          yield event;
          if (this.closed) return;
        }
        if (rows.length === this.source.pageSize) continue;
        if (!caughtUp) {
          caughtUp = true;
          onCaughtUp?.();
        }
        await this.nextAppendOrPoll();
      }
    } finally {
      this.end();
    }
  }

  private nextAppendOrPoll(): Promise<void> {
    if (this.appendedSinceRead || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake?.(), this.source.pollIntervalMs);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  private end(): void {
    if (this.closed) return;
    this.closed = true;
    this.onEnd(this);
  }
}
