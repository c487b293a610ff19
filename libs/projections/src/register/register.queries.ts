import { Injectable } from '@nestjs/common';
import type { IsoDate, ItemKind, Level, Rag, Status } from '@hmicfrs/lifecycle';
import { ReadModelDatabase } from '../runtime/read-model-database';
import { marked, searchQuery, searchWords, snippet } from '../search/search-text';
import type { RegisterEntry, SearchMatch } from './register-entry';

export interface RegisterFilter {
  status?: Status[];
  kind?: ItemKind;
  level?: Level;
  /** `unrated`: items not yet RAG rated. */
  rag?: Rag | 'unrated';
  owner?: string;
  /** The inspection report's id. */
  report?: string;
  /** Whom HMICFRS addressed the items to, exactly as recorded (`Chief Constables`, `IOPC`). */
  addressee?: string;
  closed?: boolean;
  overdue?: boolean;
  /** In progress and due between today and today + N days. */
  dueWithinDays?: number;
  /**
   * Words to search for (each a prefix, all of them) in the reference, wording, inspection report title,
   * owner's name and progress notes; a text without any word searches for nothing and matches every item.
   */
  search?: string;
}

/** `relevance`: the best match first (bm25), on a search; the reference order otherwise. */
export const REGISTER_SORTS = ['reference', 'dueDate', 'openedAt', 'lastEventAt', 'level', 'status', 'relevance'] as const;
export type RegisterSort = (typeof REGISTER_SORTS)[number];

export interface RegisterPage {
  limit: number;
  offset: number;
  sort: RegisterSort;
  descending: boolean;
}

export interface RegisterList {
  items: RegisterEntry[];
  total: number;
  limit: number;
  offset: number;
  /**
   * On a search best match first that more than `RANKED_AT_MOST` items match: only the most recently
   * added `rankedAmong` were ranked, best first; the rest follow them, the most recently added first.
   */
  rankedAmong?: number;
}

/**
 * The most hits a search ranks by relevance. A word most items hold (tens of thousands of hits) would
 * cost every hit's bm25 on each page; ranking the most recently added thousand keeps a search under
 * 100 ms at 50,000 items, and a typed reference or a rarer word is ranked whole.
 */
export const RANKED_AT_MOST = 1_000;

const SORT_COLUMNS: Record<RegisterSort, string> = {
  reference: 'r.reference_key',
  dueDate: 'r.due_date',
  openedAt: 'r.opened_at',
  lastEventAt: 'r.last_event_at',
  level: 'r.level',
  status: 'r.status',
  relevance: 'r.reference_key',
};

/** bm25 (lower is better) with the reference weighing most, then the wording, the report's title and the owner, then the notes. */
const SCORE = 'bm25(search_index, 10.0, 4.0, 2.0, 2.0, 1.0)';

/**
 * The search's hits joined to the register, for a filter and an order: the index walked once, each hit's
 * item looked up by id and kept if the filter holds. CROSS JOIN keeps that order of work (the planner
 * would otherwise walk the register and build an index of the hits to join it to), and the score, most
 * of a search's cost, is worked out for a hit the filter kept, never for one it dropped.
 */
const hitsIn = (where: string, scored: boolean) => `(
  SELECT search_index.rowid AS doc, s.item_id AS id${scored ? `, ${SCORE} AS score` : ''}
  FROM search_index CROSS JOIN search_items s ON s.doc = search_index.rowid WHERE search_index MATCH @search) AS h
  CROSS JOIN register r ON r.id = h.id ${where}`;

/**
 * An unfiltered search sorted by a column over more hits than this walks the register in that order
 * (the sort's index) and keeps the items among the hits, stopping at the page's end: "vetting" by due
 * date, 15,000 hits, reads a few hundred rows instead of looking up and sorting every hit (130 ms at
 * 50,000 items). Over fewer hits, a reference say, looking each one up is the cheaper way.
 */
const WALK_THE_REGISTER_OVER = 1_000;

/**
 * The same page read from the register's side: the items in the sort's order whose doc is among the
 * hits. The `+` keeps the hits a list to look in (read from the index once), not one to loop over per row.
 */
const registerAmongHits = (order: string) => `SELECT s.doc FROM register r CROSS JOIN search_items s ON s.item_id = r.id
  WHERE +s.doc IN (SELECT rowid FROM search_index WHERE search_index MATCH @search) ORDER BY ${order} LIMIT @limit OFFSET @offset`;

/**
 * The order a sort stands for, with the id breaking ties in the same direction so that the order is an
 * index's order read forwards or backwards. An item without a due date comes last either way: SQLite
 * puts NULL first going up, hence `due_date IS NULL` before it (an index of its own).
 */
function orderOf({ sort, descending }: RegisterPage, searching: boolean): string {
  if (sort === 'relevance' && searching) return 'h.score ASC, h.doc ASC';
  const direction = descending ? 'DESC' : 'ASC';
  const undatedLast = sort === 'dueDate' && !descending ? 'r.due_date IS NULL, ' : '';
  return `${undatedLast}${SORT_COLUMNS[sort]} ${direction}, r.id ${direction}`;
}

type Row = {
  id: string;
  reference: string;
  kind: ItemKind;
  inspection_id: string;
  title: string | null;
  text: string;
  level: Level;
  portfolio: string;
  addressee: string;
  owner: string | null;
  rag: Rag | null;
  status: Status;
  closed: 0 | 1;
  in_progress: 0 | 1;
  due_date: IsoDate | null;
  due_within_months: number | null;
  original_due_date: IsoDate | null;
  opened_at: string;
  submitted_at: string | null;
  submitted_by: string | null;
  closed_at: string | null;
  last_event_at: string;
  revision: number;
};

export interface InspectionActivityEntry {
  id: string;
  title: string;
  fieldworkFrom: IsoDate;
  fieldworkTo: IsoDate;
}

/** The register now: filtered, sorted and paged; overdue and due soon against `today`. */
@Injectable()
export class RegisterQueries {
  constructor(private readonly database: ReadModelDatabase) {}

  list(filter: RegisterFilter, page: RegisterPage, today: IsoDate): RegisterList {
    const search = filter.search === undefined ? undefined : searchQuery(filter.search);
    if (search !== undefined) return this.search(search, filter, page, today);
    const { where, params } = conditions(filter, today);
    const { db } = this.database;
    const order = orderOf(page, false);
    return db.transaction(() => {
      const total = db.prepare(`SELECT count(*) FROM register r ${where}`).pluck().get(params) as number;
      // The page's ids first, from the sort's covering index; only those 50 rows are then read whole.
      // CROSS JOIN keeps that order of work: told only `LIMIT @limit`, the planner guessed the page as
      // big as the register and walked all of it to join the page to it (7 ms of every register page).
      const rows = db
        .prepare(
          `SELECT r.*, i.title
           FROM (SELECT r.id FROM register r ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset) AS page
           CROSS JOIN register r ON r.id = page.id LEFT JOIN inspections i ON i.id = r.inspection_id
           ORDER BY ${order}`,
        )
        .all({ ...params, limit: page.limit, offset: page.offset }) as Row[];
      return { items: rows.map((row) => entry(row, today)), total, limit: page.limit, offset: page.offset };
    })();
  }

  /**
   * The items matching an FTS5 query, filtered, in the page's order; each with what matched marked.
   * The page's docs are picked first (without a filter, best first, by the index alone), and only those
   * 50 are then read whole; without a filter the index alone counts the hits.
   */
  private search(search: string, filter: RegisterFilter, page: RegisterPage, today: IsoDate): RegisterList {
    const { where, params } = conditions(filter, today);
    const { db } = this.database;
    const relevance = page.sort === 'relevance';
    const named = { ...params, search, limit: page.limit, offset: page.offset };
    return db.transaction(() => {
      const total = (
        where === ''
          ? db.prepare('SELECT count(*) FROM search_index WHERE search_index MATCH @search').pluck().get({ search })
          : db
              .prepare(`SELECT count(*) FROM ${hitsIn(where, false)}`)
              .pluck()
              .get(named)
      ) as number;
      const order = orderOf(page, true);
      const docs =
        where === '' && relevance
          ? this.best(named, total)
          : (db
              .prepare(
                where === '' && total > WALK_THE_REGISTER_OVER
                  ? registerAmongHits(order)
                  : `SELECT h.doc FROM ${hitsIn(where, relevance)} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
              )
              .pluck()
              .all(named) as number[]);
      const rows = this.rowsOf(docs);
      const matches = this.matches(filter.search ?? '', docs);
      return {
        items: rows.map((row) => ({ ...entry(row, today), ...(matches.has(row.doc) ? { match: matches.get(row.doc) } : {}) })),
        total,
        limit: page.limit,
        offset: page.offset,
        ...(where === '' && relevance && total > RANKED_AT_MOST ? { rankedAmong: RANKED_AT_MOST } : {}),
      };
    })();
  }

  /**
   * A page of an unfiltered search, best first, as docs: picked by the index alone. Of more than
   * `RANKED_AT_MOST` hits, the most recently added are ranked (FTS5 walks its rowids backwards and stops
   * there) and the rest follow, newest first, unranked.
   */
  private best(named: { search: string; limit: number; offset: number }, total: number): number[] {
    const { db } = this.database;
    const { search, limit, offset } = named;
    const ranked = Math.max(0, Math.min(limit, RANKED_AT_MOST - offset));
    const docs: number[] = [];
    if (ranked > 0) {
      docs.push(
        ...(db
          .prepare(
            `SELECT doc FROM (
               SELECT rowid AS doc, ${SCORE} AS score FROM search_index WHERE search_index MATCH @search ORDER BY rowid DESC LIMIT @cap)
             ORDER BY score, doc LIMIT @ranked OFFSET @offset`,
          )
          .pluck()
          .all({ search, cap: RANKED_AT_MOST, ranked, offset }) as number[]),
      );
    }
    const rest = Math.min(limit - ranked, Math.max(0, total - Math.max(offset, RANKED_AT_MOST)));
    if (rest > 0) {
      docs.push(
        ...(db
          .prepare('SELECT rowid FROM search_index WHERE search_index MATCH @search ORDER BY rowid DESC LIMIT @rest OFFSET @skip')
          .pluck()
          .all({ search, rest, skip: Math.max(offset, RANKED_AT_MOST) }) as number[]),
      );
    }
    return docs;
  }

  /** The register's rows of a page's docs, in the docs' order. */
  private rowsOf(docs: number[]): (Row & { doc: number })[] {
    if (docs.length === 0) return [];
    const rows = this.database.db
      .prepare(
        `SELECT r.*, i.title, s.doc FROM search_items s CROSS JOIN register r ON r.id = s.item_id
         LEFT JOIN inspections i ON i.id = r.inspection_id WHERE s.doc IN (${docs.map(() => '?').join(', ')})`,
      )
      .all(...docs) as (Row & { doc: number })[];
    const byDoc = new Map(rows.map((row) => [row.doc, row]));
    return docs.flatMap((doc) => byDoc.get(doc) ?? []);
  }

  /** What matched in one page's hits, marked in the text each was indexed from. */
  private matches(typed: string, docs: number[]): Map<number, SearchMatch> {
    if (docs.length === 0) return new Map();
    const words = searchWords(typed);
    const rows = this.database.db
      .prepare(`SELECT doc, reference, text, notes FROM search_items WHERE doc IN (${docs.map(() => '?').join(', ')})`)
      .all(...docs) as { doc: number; reference: string; text: string; notes: string }[];
    return new Map(
      rows.map((row) => [
        row.doc,
        { reference: marked(row.reference, words), text: marked(row.text, words), notes: snippet(row.notes, words) },
      ]),
    );
  }

  /** Whom the items are addressed to, each as recorded, with how many: the register's addressee filter offers these. */
  addressees(): { addressee: string; items: number }[] {
    return this.database.db.prepare('SELECT addressee, items FROM addressee_counts ORDER BY addressee COLLATE NOCASE').all() as {
      addressee: string;
      items: number;
    }[];
  }

  /** Items in progress due before `today`, the longest overdue first. */
  overdue(today: IsoDate): RegisterEntry[] {
    return this.dueBetween(null, today, today);
  }

  /** Items in progress due from `today` to `until`, soonest first. */
  dueSoon(today: IsoDate, until: IsoDate): RegisterEntry[] {
    return this.dueBetween(today, addDays(until, 1), today);
  }

  /**
   * Inspection activity recorded, the latest fieldwork first: what HMICFRS chooses from when saying at
   * which inspection it verified an item, and the titles the pages show for those chosen.
   */
  inspectionActivity(limit = 50): InspectionActivityEntry[] {
    return this.database.db
      .prepare(
        `SELECT id, title, fieldwork_from AS fieldworkFrom, fieldwork_to AS fieldworkTo FROM inspection_activity
         ORDER BY fieldwork_from DESC, id LIMIT ?`,
      )
      .all(limit) as InspectionActivityEntry[];
  }

  /** One inspection activity by its id; `undefined` for one the read model does not (yet) hold. */
  inspectionActivityOf(id: string): InspectionActivityEntry | undefined {
    return this.database.db
      .prepare(`SELECT id, title, fieldwork_from AS fieldworkFrom, fieldwork_to AS fieldworkTo FROM inspection_activity WHERE id = ?`)
      .get(id) as InspectionActivityEntry | undefined;
  }

  private dueBetween(from: IsoDate | null, before: IsoDate, today: IsoDate): RegisterEntry[] {
    const rows = this.database.db
      .prepare(
        `SELECT r.*, i.title FROM register r LEFT JOIN inspections i ON i.id = r.inspection_id
         WHERE r.in_progress = 1 AND r.due_date < @before AND (@from IS NULL OR r.due_date >= @from)
         ORDER BY r.due_date, r.reference_key`,
      )
      .all({ from, before }) as Row[];
    return rows.map((row) => entry(row, today));
  }
}

function conditions(filter: RegisterFilter, today: IsoDate): { where: string; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = { today };
  const equal = (column: string, name: string, value: unknown) => {
    if (value === undefined) return;
    clauses.push(`r.${column} = @${name}`);
    params[name] = value;
  };
  if (filter.status?.length) {
    clauses.push(`r.status IN (${filter.status.map((_, i) => `@status${i}`).join(', ')})`);
    filter.status.forEach((status, i) => (params[`status${i}`] = status));
  }
  equal('kind', 'kind', filter.kind);
  equal('level', 'level', filter.level);
  if (filter.rag === 'unrated') clauses.push('r.rag IS NULL');
  else equal('rag', 'rag', filter.rag);
  equal('owner', 'owner', filter.owner);
  equal('inspection_id', 'report', filter.report);
  equal('addressee', 'addressee', filter.addressee);
  equal('closed', 'closed', filter.closed === undefined ? undefined : Number(filter.closed));
  if (filter.overdue === true) clauses.push('(r.in_progress = 1 AND r.due_date < @today)');
  if (filter.overdue === false) clauses.push('NOT (r.in_progress = 1 AND r.due_date IS NOT NULL AND r.due_date < @today)');
  if (filter.dueWithinDays !== undefined) {
    clauses.push('(r.in_progress = 1 AND r.due_date >= @today AND r.due_date <= @dueBy)');
    params.dueBy = addDays(today, filter.dueWithinDays);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

function entry(row: Row, today: IsoDate): RegisterEntry {
  const inProgress = row.in_progress === 1;
  return {
    id: row.id,
    reference: row.reference,
    kind: row.kind,
    inspection: { id: row.inspection_id, title: row.title },
    text: row.text,
    level: row.level,
    portfolio: row.portfolio,
    addressee: row.addressee,
    owner: row.owner,
    rag: row.rag,
    status: row.status,
    closed: row.closed === 1,
    inProgress,
    dueDate: row.due_date,
    dueWithinMonths: row.due_within_months,
    originalDueDate: row.original_due_date,
    overdue: inProgress && row.due_date !== null && row.due_date < today,
    openedAt: row.opened_at,
    submittedAt: row.submitted_at,
    submittedBy: row.submitted_by,
    closedAt: row.closed_at,
    lastEventAt: row.last_event_at,
    revision: row.revision,
  };
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const at = new Date(`${date}T00:00:00.000Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}
