import { FORWARDS, START, type AllStreamResolvedEvent, type AllStreamSubscription, type EventStoreDBClient } from '@eventstore/db-client';
import { EventStoreUnavailable } from '../errors';
import type { GlobalPosition, RecordedEvent } from '../event';
import type { AllSubscription, SubscribeOptions } from '../event-store.port';
import { AsyncQueue } from './async-queue';
import { scanAll } from './all-scan';
import { allReadRefused, isAccessDenied, translateClientError } from './esdb-errors';
import { fromEsdbEvent } from './esdb-events';
import { decodePosition, encodePosition } from './position';
import { isProductEvent, productStreamFilter } from './product-streams';

/** Live events buffered ahead of a slow consumer before the gRPC stream is paused (backpressure). */
const HIGH_WATER = 1000;
const LOW_WATER = 100;

/**
 * Catch-up, then live. The catch-up is paged `readAll`; the live part is the client's
 * `subscribeToAll` from the last `$all` position the catch-up read, so nothing falls in between.
 * `onCaughtUp` fires when the consumer asks for the event after the last stored one, i.e. once it
 * has handled everything stored. The client's own `caughtUp` event is not used: servers before
 * 23.10 never send it, and it fires when the server has sent, not when the consumer has handled.
 */
export class EsdbAllSubscription implements AllSubscription {
  private closed = false;
  private live: AllStreamSubscription | null = null;
  /** A live stream that failed has nothing left to cancel (and its unsubscribe rethrows the failure). */
  private liveFailed = false;
  private readonly queue = new AsyncQueue<RecordedEvent>();
  private iterator: AsyncGenerator<RecordedEvent> | null = null;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: SubscribeOptions,
    private readonly onClosed: () => void,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    this.iterator ??= this.deliver();
    return this.iterator;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.queue.stop();
    this.onClosed();
    const live = this.live;
    this.live = null;
    if (!live) return;
    if (!this.liveFailed) await live.unsubscribe();
    live.destroy();
  }

  private async *deliver(): AsyncGenerator<RecordedEvent> {
    try {
      let resumeFrom = this.options.after;
      for await (const raw of scanAll(this.client, FORWARDS, this.options.after)) {
        if (this.closed) return;
        resumeFrom = encodePosition(raw.position);
        if (isProductEvent(raw)) yield fromEsdbEvent(raw);
      }
      if (this.closed) return;
      this.options.onCaughtUp?.();
      this.goLive(resumeFrom);
      for (;;) {
        const next = await this.queue.next();
        if (next.done || this.closed) return;
        if (this.live?.isPaused() && this.queue.size <= LOW_WATER) this.live.resume();
        yield next.value;
      }
    } finally {
      await this.close();
    }
  }

  private goLive(after: GlobalPosition | undefined): void {
    const live = this.client.subscribeToAll({
      fromPosition: after === undefined ? START : decodePosition(after),
      filter: productStreamFilter(),
    });
    this.live = live;
    let last = after;
    live.on('data', (resolved: AllStreamResolvedEvent) => {
      const event = resolved.event;
      if (!event || !isProductEvent(event)) return;
      const position = encodePosition(event.position);
      // The server starts after `fromPosition`; this guards the "strictly after" promise regardless.
      if (last !== undefined && position <= last) return;
      last = position;
      try {
        this.queue.push(fromEsdbEvent(event));
      } catch (error) {
        this.queue.fail(error);
        return;
      }
      if (this.queue.size >= HIGH_WATER) live.pause();
    });
    live.on('error', (error: Error) => {
      this.liveFailed = true;
      this.queue.fail(isAccessDenied(error) ? allReadRefused(error) : translateClientError(error));
    });
    live.on('close', () => {
      if (!this.closed) this.queue.fail(new EventStoreUnavailable('the server ended the subscription to $all'));
    });
  }
}
