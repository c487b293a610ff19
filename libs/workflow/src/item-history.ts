import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, verifyChain, type EventStore } from '@hmicfrs/event-store';
import { evolve, statusOf, upcast, type RecommendationEvent, type RecommendationState, type Status } from '@hmicfrs/lifecycle';
import { ItemNotFound } from './errors';
import { recommendationStream } from '@hmicfrs/lifecycle';

export interface HistoryEntry {
  revision: number;
  type: string;
  data: unknown;
  /** When it happened in the world. */
  occurredAt: string;
  /**
   * The day it happened, when that was all the person said (a page's "When did this happen?"): the time
   * of day in `occurredAt` then stands in for "some time that day". Null otherwise.
   */
  occurredOn: string | null;
  /** When the system learned of it. */
  recordedAt: string;
  userId: string;
  role: string;
  reason: string | null;
  commandId: string;
  correlationId: string;
  /** The status before and after; `null` before the item was opened. */
  from: Status | null;
  to: Status;
  hash: string;
}

export interface ItemHistory {
  id: string;
  /** Whether the stored history is exactly what was written (the hash chain holds). */
  chain: { intact: true } | { intact: false; brokenAt: number; reason: string };
  events: HistoryEntry[];
}

/** An item's full history for auditors: every fact with who, when, why, and the state it moved between. */
@Injectable()
export class ItemHistoryReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async history(id: string): Promise<ItemHistory> {
    const stream = recommendationStream(id);
    const stored = await this.store.readStream(stream);
    if (stored.length === 0) throw new ItemNotFound(id);
    const verdict = verifyChain(stream, stored);
    let state: RecommendationState | undefined;
    const events = stored.map((event): HistoryEntry => {
      const from = state === undefined ? null : statusOf(state);
      state = evolve(state, upcast(event) as RecommendationEvent);
      const { metadata } = event;
      return {
        revision: event.revision,
        type: event.type,
        data: event.data,
        occurredAt: metadata.occurredAt,
        occurredOn: typeof metadata.extra?.occurredOn === 'string' ? metadata.extra.occurredOn : null,
        recordedAt: metadata.recordedAt,
        userId: metadata.userId,
        role: metadata.role,
        reason: metadata.reason ?? null,
        commandId: metadata.commandId,
        correlationId: metadata.correlationId,
        from,
        to: statusOf(state),
        hash: metadata.hash,
      };
    });
    return {
      id,
      chain: verdict.intact ? { intact: true } : { intact: false, brokenAt: verdict.brokenAt, reason: verdict.reason },
      events,
    };
  }
}
