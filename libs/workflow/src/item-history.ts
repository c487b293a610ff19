import { Inject, Injectable, Optional } from '@nestjs/common';
import { EVENT_STORE, verifyChain, type EventStore } from '@hmicfrs/event-store';
import { evolve, statusOf, upcast, type RecommendationEvent, type RecommendationState, type Status } from '@hmicfrs/lifecycle';
import { ItemNotFound } from './errors';
import { HISTORY_INTEGRITY, type HistoryIntegrity, type IntegrityProblem } from './history-integrity';
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
  /** Who acted, in which role: a person, `system:reminders`, or an import's stand-in (`import:<id>:dcc`). */
  userId: string;
  role: string;
  /** The signed-in person who caused it (the liaison officer who ran an import); `userId` for events written before it was kept. */
  causedBy: string;
  /** Set when an import brought the event in from a tracker: the file, its row, and who ran the import. */
  imported: ImportedFrom | null;
  reason: string | null;
  commandId: string;
  correlationId: string;
  /** The status before and after; `null` before the item was opened. */
  from: Status | null;
  to: Status;
  hash: string;
}

export interface ImportedFrom {
  importId: string;
  fileName: string;
  row: number;
  importedBy: string;
}

export interface ItemHistory {
  id: string;
  /** Whether the stored history is exactly what was written (the hash chain holds). */
  chain: { intact: true } | { intact: false; brokenAt: number; reason: string };
  /**
   * Whether it still verifies against the signed checkpoints (what the chain alone cannot show: a deleted
   * last event, a re-hashed stream, moved positions); null where nothing watches (no seal).
   */
  sealed: { verifies: true } | { verifies: false; problems: IntegrityProblem[] } | null;
  events: HistoryEntry[];
}

/** An item's full history for auditors: every fact with who, when, why, and the state it moved between. */
@Injectable()
export class ItemHistoryReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(HISTORY_INTEGRITY) private readonly integrity?: HistoryIntegrity,
  ) {}

  async history(id: string): Promise<ItemHistory> {
    const stream = recommendationStream(id);
    const [stored, problems] = await Promise.all([this.store.readStream(stream), this.integrity?.problemsOf(stream)]);
    // A deleted stream has no events to show, but the seal knows it was there: say so rather than "no such item".
    if (stored.length === 0 && !problems?.some((problem) => problem.kind === 'deleted-stream')) throw new ItemNotFound(id);
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
        causedBy: metadata.causedBy ?? metadata.userId,
        imported: importedFrom(metadata),
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
      sealed: problems === undefined ? null : problems.length === 0 ? { verifies: true } : { verifies: false, problems },
      events,
    };
  }
}

/** What an import's metadata says of where the event came from (`libs/import` records importId, fileName and row). */
function importedFrom(metadata: { userId: string; causedBy?: string; extra?: Record<string, unknown> }): ImportedFrom | null {
  const { importId, fileName, row } = metadata.extra ?? {};
  if (typeof importId !== 'string' || typeof fileName !== 'string' || typeof row !== 'number') return null;
  return { importId, fileName, row, importedBy: metadata.causedBy ?? metadata.userId };
}
