import { Injectable } from '@nestjs/common';
import type { IsoDate } from '@hmicfrs/lifecycle';
import { addDays } from '../register/register.queries';
import { ReadModelDatabase } from '../runtime/read-model-database';

/** One item on someone's home page: what it is, and the date or reason that puts it there. */
export interface WorkItem {
  id: string;
  reference: string;
  text: string;
  dueDate: IsoDate | null;
  /** When it started waiting, or when it was returned. */
  since: string | null;
  /** The DCC's reason, on a returned submission. */
  reason: string | null;
}

/** A reminder or escalation (`RECORD_NOTICE` by `system:reminders`) addressed to someone. */
export interface NoticeEntry {
  itemId: string;
  reference: string;
  type: 'ReminderIssued' | 'Escalated';
  kind: string;
  on: IsoDate;
}

export interface OwnerWork {
  returned: WorkItem[];
  overdue: WorkItem[];
  dueSoon: WorkItem[];
}

const ITEM = 'r.id, r.reference, r.text, r.due_date AS dueDate';
const LIMIT = 50;

/**
 * What waits for one person, from the register and audit read models (never a stream replayed per
 * request). Reminders name their recipient in `to`: an owner's id, or the role `dcc` / `liaison`.
 */
@Injectable()
export class NeedsYouQueries {
  constructor(private readonly database: ReadModelDatabase) {}

  /** An owner's items: returned submissions with the DCC's reason, overdue, and due within `soonDays`. */
  owner(owner: string, today: IsoDate, soonDays: number): OwnerWork {
    const { db } = this.database;
    // Returned and not submitted again since: the item's latest submission or return is a return.
    const returned = db
      .prepare(
        `SELECT ${ITEM}, a.occurred_at AS since, a.reason AS reason FROM register r
         JOIN audit_trail a ON a.seq = (SELECT max(seq) FROM audit_trail
           WHERE stream_id = 'recommendation-' || r.id AND type IN ('SubmittedForClosure', 'ClosureReturned'))
         WHERE r.owner = @owner AND r.status = 'rag_rated' AND a.type = 'ClosureReturned'
         ORDER BY a.seq DESC LIMIT ${LIMIT}`,
      )
      .all({ owner }) as WorkItem[];
    const due = (clause: string) =>
      db
        .prepare(
          `SELECT ${ITEM}, NULL AS since, NULL AS reason FROM register r
           WHERE r.owner = @owner AND r.in_progress = 1 AND ${clause} ORDER BY r.due_date, r.reference_key LIMIT ${LIMIT}`,
        )
        .all({ owner, today, until: addDays(today, soonDays) }) as WorkItem[];
    return {
      returned,
      overdue: due('r.due_date < @today'),
      dueSoon: due('r.due_date >= @today AND r.due_date <= @until'),
    };
  }

  /** Waiting for HMICFRS: sent to them at level 4, or self-certified at level 3 awaiting verification. */
  awaitingVerification(): WorkItem[] {
    return this.database.db
      .prepare(
        `SELECT ${ITEM}, r.last_event_at AS since, NULL AS reason FROM register r
         WHERE status = 'awaiting_hmicfrs' OR (status = 'self_certified' AND closed = 0)
         ORDER BY r.last_event_at LIMIT ${LIMIT}`,
      )
      .all() as WorkItem[];
  }

  /** Items in progress the liaison officer has still to give an owner or a due date. */
  unassigned(): WorkItem[] {
    return this.database.db
      .prepare(
        `SELECT ${ITEM}, r.opened_at AS since, NULL AS reason FROM register r
         WHERE in_progress = 1 AND (owner IS NULL OR due_date IS NULL)
         ORDER BY r.opened_at LIMIT ${LIMIT}`,
      )
      .all() as WorkItem[];
  }

  /** The reminders and escalations addressed to `to`, newest first. */
  notices(to: string): NoticeEntry[] {
    return this.database.db
      .prepare(
        `SELECT r.id AS itemId, r.reference, a.type, json_extract(a.data, '$.kind') AS kind, json_extract(a.data, '$.on') AS "on"
         FROM audit_trail a JOIN register r ON r.id = substr(a.stream_id, length('recommendation-') + 1)
         WHERE a.type IN ('ReminderIssued', 'Escalated') AND json_extract(data, '$.to') = @to
         ORDER BY a.seq DESC LIMIT ${LIMIT}`,
      )
      .all({ to }) as NoticeEntry[];
  }
}
