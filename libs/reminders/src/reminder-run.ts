import { Logger } from '@nestjs/common';
import type { Clock } from '@hmicfrs/clock';
import type { EventStore, RecordedEvent } from '@hmicfrs/event-store';
import {
  isInProgress,
  itemIdOf,
  recommendationStream,
  replay,
  statusOf,
  type IsoDate,
  type RecommendationState,
  type SystemActor,
} from '@hmicfrs/lifecycle';
import { CommandRefused, IdempotencyKeyReused, RecommendationWorkflow } from '@hmicfrs/workflow';
import { dayOf } from './calendar';
import { messageFor } from './message';
import type { Notifier } from './notifier';
import { noticesFor, recipientOf, type ItemFacts, type Notice } from './notices-for';
import type { Outbox, OutboxEntry } from './outbox';
import type { ReminderSettings } from './reminder-settings';

/** The user the reminder facts are recorded as: nobody pressed a button. */
export const REMINDERS_ACTOR: SystemActor = { userId: 'system:reminders', role: 'system' };

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
 * (a new owner, a new due date, the item moved on) are cancelled first. The facts are written as system
 * commands through the workflow, on the same road as everybody's.
 */
export class RemindersRun {
  private readonly logger = new Logger('Reminders');

  constructor(
    private readonly workflow: RecommendationWorkflow,
    private readonly store: EventStore,
    private readonly outbox: Outbox,
    private readonly notifier: Notifier,
    private readonly settings: ReminderSettings,
    private readonly clock: Clock,
  ) {}

  async run(asAt: IsoDate = dayOf(this.clock().toISOString())): Promise<RemindersReport> {
    const report: RemindersReport = { asAt, itemsChecked: 0, issued: [], alreadyIssued: 0, cancelled: [] };
    for await (const streamId of this.store.streamIds()) {
      const itemId = itemIdOf(streamId);
      if (itemId === undefined) continue;
      report.itemsChecked += 1;
      await this.remind(itemId, asAt, report);
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
    const facts = factsOf(replay(stored) as RecommendationState, stored);
    report.cancelled.push(...this.cancelOutgrown(itemId, facts));
    if (!isInProgress(facts.state)) return;
    for (const notice of noticesFor(facts, asAt, this.settings)) {
      const state = await this.record(itemId, notice);
      if (state === undefined) {
        report.alreadyIssued += 1;
        continue;
      }
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

  /** Records the notice once per item, kind and day: the item as it then stands, or undefined when it was already recorded or no longer applies. */
  private async record(itemId: string, notice: Notice): Promise<RecommendationState | undefined> {
    try {
      const written = await this.workflow.remind(
        itemId,
        { type: 'RECORD_NOTICE', notice },
        {
          actor: REMINDERS_ACTOR,
          commandId: `reminders:${notice.data.kind}:${notice.data.on}`,
        },
      );
      return written.replayed ? undefined : written.state;
    } catch (error) {
      // Already recorded that day, when the item still had another owner or due date.
      if (error instanceof IdempotencyKeyReused) return undefined;
      // Someone closed the item meanwhile: nobody is left to remind.
      if (error instanceof CommandRefused) {
        this.logger.warn(`${itemId} moved on while reminding: ${error.message}`);
        return undefined;
      }
      throw error;
    }
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
