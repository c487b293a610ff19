import { Inject, Injectable } from '@nestjs/common';
import type { IsoDate, ItemKind, Level, Status } from '@hmicfrs/lifecycle';
import { CLOCK, type Clock } from '@hmicfrs/clock';
import type { ItemSnapshot } from '../register/item-snapshot';
import { PastRegister, type PointInTime } from '../register/past-register';
import { addDays, RegisterQueries } from '../register/register.queries';
import { ReadModelFreshness } from '../runtime/freshness';
import { ReadModelDatabase } from '../runtime/read-model-database';
import { dayOf, daysBetween, pointInTime } from './report-dates';
import type { ItemLine } from './jac-report';

/** When a report is asked for as at a date or as known at a date; neither means "the register now". */
export interface PastQuery {
  asAt?: string;
  knownAt?: string;
}

/** The moment a report describes: null for the live register. */
type Moment = PointInTime | null;

export interface CountsReport {
  moment: Moment;
  counts: { kind: ItemKind; level: Level; status: Status; items: number }[];
  total: number;
}

export interface RagReport {
  moment: Moment;
  red: number;
  amber: number;
  green: number;
  unrated: number;
  total: number;
}

export interface OverdueReport {
  moment: Moment;
  today: IsoDate;
  overdue: (ItemLine & { daysOverdue: number })[];
  /** Due from today to `dueWithinDays` days ahead. */
  dueSoon: (ItemLine & { daysLeft: number })[];
  dueWithinDays: number;
}

/**
 * Counts, RAG and overdue: from the live read models, or as at / as known at a date from the register's
 * versions once the register has caught up with the store (the same question then has the same answer).
 */
@Injectable()
export class RegisterReports {
  constructor(
    private readonly database: ReadModelDatabase,
    private readonly register: RegisterQueries,
    private readonly past: PastRegister,
    private readonly freshness: ReadModelFreshness,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async counts(query: PastQuery): Promise<CountsReport> {
    const moment = await this.moment(query);
    const counts =
      moment === null
        ? (this.database.db.prepare('SELECT kind, level, status, items FROM register_counts').all() as CountsReport['counts'])
        : countsOf(this.past.at(moment));
    counts.sort((a, b) => a.kind.localeCompare(b.kind) || b.level - a.level || a.status.localeCompare(b.status));
    return { moment, counts, total: counts.reduce((sum, row) => sum + row.items, 0) };
  }

  async rag(query: PastQuery): Promise<RagReport> {
    const moment = await this.moment(query);
    const rag = { red: 0, amber: 0, green: 0, unrated: 0 };
    if (moment === null) {
      const rows = this.database.db.prepare('SELECT rag, items FROM rag_counts').all() as { rag: keyof typeof rag; items: number }[];
      for (const row of rows) rag[row.rag] = row.items;
    } else {
      for (const item of this.past.at(moment)) if (item.inProgress) rag[item.rag ?? 'unrated'] += 1;
    }
    return { moment, ...rag, total: rag.red + rag.amber + rag.green + rag.unrated };
  }

  async overdue(query: PastQuery, dueWithinDays: number): Promise<OverdueReport> {
    const moment = await this.moment(query);
    const today = dayOf(moment?.asAt ?? this.clock().toISOString());
    const until = addDays(today, dueWithinDays);
    const due =
      moment === null
        ? [...this.register.overdue(today), ...this.register.dueSoon(today, until)]
        : [...this.past.at(moment)].filter((item) => item.inProgress && item.dueDate !== null && item.dueDate <= until);
    const words = this.database.db.prepare<[string], { reference: string; text: string }>(
      'SELECT reference, text FROM register WHERE id = ?',
    );
    const lines = due
      .map((item) => lineOf(item, words.get(item.id)))
      .sort((a, b) => a.dueDate!.localeCompare(b.dueDate!) || a.reference.localeCompare(b.reference));
    return {
      moment,
      today,
      dueWithinDays,
      overdue: lines.filter((item) => item.dueDate! < today).map((item) => ({ ...item, daysOverdue: daysBetween(item.dueDate!, today) })),
      dueSoon: lines.filter((item) => item.dueDate! >= today).map((item) => ({ ...item, daysLeft: daysBetween(today, item.dueDate!) })),
    };
  }

  private async moment(query: PastQuery): Promise<Moment> {
    if (query.asAt === undefined && query.knownAt === undefined) return null;
    const moment = pointInTime(query.asAt, query.knownAt, this.clock());
    await this.freshness.waitFor('register');
    return moment;
  }
}

type Due = Pick<ItemSnapshot, 'id' | 'kind' | 'level' | 'owner' | 'status' | 'dueDate' | 'originalDueDate' | 'closedAt'>;

function lineOf(item: Due, words: { reference: string; text: string } | undefined): ItemLine {
  const { id, kind, level, owner, status, dueDate, originalDueDate, closedAt } = item;
  return { id, reference: words?.reference ?? id, text: words?.text ?? '', kind, level, owner, status, dueDate, originalDueDate, closedAt };
}

function countsOf(items: Iterable<ItemSnapshot>): CountsReport['counts'] {
  const counts = new Map<string, CountsReport['counts'][number]>();
  for (const { kind, level, status } of items) {
    const key = `${kind}|${level}|${status}`;
    const row = counts.get(key) ?? { kind, level, status, items: 0 };
    row.items += 1;
    counts.set(key, row);
  }
  return [...counts.values()];
}
