import { Logger } from '@nestjs/common';
import { WrongExpectedRevision, type EventStore, type RecordedEvent } from '@hmicfrs/event-store';
import { evolve, isInProgress, replay, schemaVersions, statusOf, type IsoDate, type RecommendationState } from '@hmicfrs/lifecycle';
import { recommendationStream } from '@hmicfrs/workflow';
import { dayOf } from './calendar';
import { messageFor } from './message';
import type { Notifier } from './notifier';
import { noticesFor, recipientOf, type ItemFacts, type Notice } from './notices-for';
import type { Outbox, OutboxEntry } from './outbox';
import type { ReminderSettings } from './reminder-settings';

/** The user the reminder facts are recorded as: nobody pressed a button. */
export const REMINDERS_ACTOR = { userId: 'system:reminders', role: 'system' } as const;

const ITEM_STREAM = 'recommendation-';

export interface RemindersReport {
  asAt: IsoDate;
  itemsChecked: number;
  issued: { itemId: string; type: Notice['type']; kind: string; to: string; delivered: 'sent' | 'left_in_outbox' | 'failed' }[];
  /** Already issued for that item, kind and day by an earlier run: not told twice. */
  alreadyIssued: number;
  cancelled: { id: string; reason: string }[];
}

/**
 * One run of the reminders for a day: every item in progress is checked against the agreed thresholds;
 * each reminder or escalation is recorded in the item's stream (once per item, kind and day: the command
 * id says which), put in the outbox and handed to the notifier. Pending messages the item has outgrown
 * (a new owner, a new due date, the item moved on) are cancelled first.
 */
export class RemindersRun {
  private readonly logger = new Logger('Reminders');

  constructor(
    private readonly store: EventStore,
    private readonly outbox: Outbox,
    private readonly notifier: Notifier,
    private readonly settings: ReminderSettings,
    private readonly clock: () => Date,
  ) {}

  async run(asAt: IsoDate = dayOf(this.clock().toISOString())): Promise<RemindersReport> {
    const report: RemindersReport = { asAt, itemsChecked: 0, issued: [], alreadyIssued: 0, cancelled: [] };
    for await (const streamId of this.store.streamIds()) {
      if (!streamId.startsWith(ITEM_STREAM)) continue;
      report.itemsChecked += 1;
      await this.remind(streamId.slice(ITEM_STREAM.length), asAt, report);
    }
    return report;
  }

  /** Cancels the item's pending messages that no longer apply, now rather than at the next run. */
  async cancelOutgrownFor(itemId: string): Promise<{ id: string; reason: string }[]> {
    const stored = await this.store.readStream(recommendationStream(itemId));
    const state = replay(stored);
    return state === undefined ? [] : this.cancelOutgrown(itemId, factsOf(state, stored));
  }

  private async remind(itemId: string, asAt: IsoDate, report: RemindersReport): Promise<void> {
    const stored = await this.store.readStream(recommendationStream(itemId));
    let state = replay(stored) as RecommendationState;
    const facts = factsOf(state, stored);
    report.cancelled.push(...this.cancelOutgrown(itemId, facts));
    if (!isInProgress(state)) return;
    let last = stored[stored.length - 1];
    for (const notice of noticesFor(facts, asAt, this.settings)) {
      const appended = await this.record(itemId, notice, last);
      if (appended === undefined) {
        report.alreadyIssued += 1;
        continue;
      }
      last = appended;
      state = evolve(state, notice);
      const { subject, body } = messageFor(notice, state.context);
      const entry: Omit<OutboxEntry, 'status' | 'statusReason'> = {
        id: `${itemId}:${notice.data.kind}:${asAt}`,
        itemId,
        kind: notice.data.kind,
        recipient: notice.data.to,
        dueDate: notice.type === 'ReminderIssued' ? notice.data.dueDate : null,
        subject,
        body,
        createdAt: this.clock().toISOString(),
      };
      this.outbox.add(entry);
      const delivered = await this.deliver({ ...entry, status: 'pending', statusReason: null });
      report.issued.push({ itemId, type: notice.type, kind: notice.data.kind, to: notice.data.to, delivered });
    }
  }

  /** Appends the notice once per item, kind and day; undefined when an earlier run already did. */
  private async record(itemId: string, notice: Notice, last: RecordedEvent): Promise<RecordedEvent | undefined> {
    const now = this.clock().toISOString();
    const commandId = `reminders:${notice.data.kind}:${notice.data.on}`;
    const append = () =>
      this.store.append(
        recommendationStream(itemId),
        [
          {
            type: notice.type,
            data: notice.data,
            metadata: {
              ...REMINDERS_ACTOR,
              commandId,
              correlationId: commandId,
              causationId: null,
              schemaVersion: schemaVersions[notice.type],
              // Never before the item's previous event, even one dated by a clock a little ahead of this one.
              occurredAt: last.metadata.occurredAt > now ? last.metadata.occurredAt : now,
            },
          },
        ],
        last.revision,
      );
    let result;
    try {
      result = await append();
    } catch (error) {
      // Someone acted on the item meanwhile: the notice is still due tomorrow's run if it still applies.
      if (error instanceof WrongExpectedRevision) {
        this.logger.warn(`${itemId} changed while reminding; left for the next run`);
        return undefined;
      }
      throw error;
    }
    return result.duplicate ? undefined : result.events[result.events.length - 1];
  }

  private async deliver(entry: OutboxEntry): Promise<'sent' | 'left_in_outbox' | 'failed'> {
    try {
      const outcome = await this.notifier.deliver(entry);
      if (outcome === 'sent') this.outbox.mark(entry.id, 'sent', this.notifier.name);
      return outcome;
    } catch (error) {
      // The message stays pending in the outbox; the fact that it was due is already in the item's history.
      this.logger.error(`Could not send ${entry.id} to ${entry.recipient} by ${this.notifier.name}: ${(error as Error).message}`);
      return 'failed';
    }
  }

  /** Pending messages that no longer apply: the item has a new owner or due date, or has moved on. */
  private cancelOutgrown(itemId: string, facts: ItemFacts): { id: string; reason: string }[] {
    const cancelled: { id: string; reason: string }[] = [];
    for (const entry of this.outbox.pendingFor(itemId)) {
      const reason = outgrown(entry, facts);
      if (reason === undefined) continue;
      this.outbox.mark(entry.id, 'cancelled', reason);
      cancelled.push({ id: entry.id, reason });
    }
    return cancelled;
  }
}

function outgrown(entry: OutboxEntry, { state, reviewedOn }: ItemFacts): string | undefined {
  const status = statusOf(state);
  if (entry.kind === 'awaiting_approval') return status === 'submitted' ? undefined : `the item is no longer awaiting approval (${status})`;
  if (status !== 'open' && status !== 'rag_rated') return `the item is no longer with its owner (${status})`;
  const recipient = recipientOf(state);
  if (entry.recipient !== recipient) return `the item is now ${state.context.owner === null ? 'unowned' : `owned by ${recipient}`}`;
  if ((entry.kind === 'due_soon' || entry.kind === 'overdue') && entry.dueDate !== state.context.dueDate) {
    return `the item is now due on ${state.context.dueDate ?? 'no date'}`;
  }
  if (entry.kind === 'not_reviewed' && reviewedOn >= dayOf(entry.createdAt)) return `the item was RAG rated on ${reviewedOn}`;
  return undefined;
}

/** The days the thresholds count from, read from the stream: the last rating (or the opening) and the last submission. */
function factsOf(state: RecommendationState, stored: RecordedEvent[]): ItemFacts {
  let reviewedOn = dayOf(stored[0].metadata.occurredAt);
  let submittedOn: string | null = null;
  for (const event of stored) {
    if (event.type === 'RagRated') reviewedOn = dayOf(event.metadata.occurredAt);
    if (event.type === 'SubmittedForClosure') submittedOn = dayOf(event.metadata.occurredAt);
  }
  return { state, reviewedOn, submittedOn };
}
