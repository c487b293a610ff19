import { Injectable } from '@nestjs/common';
import type { IsoDate, ItemKind, Level, Rag, Status } from '@hmicfrs/lifecycle';
import { ReadModelDatabase } from '../runtime/read-model-database';
import { MARK_END, MARK_START, pieces, searchQuery } from '../search/search-text';
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
}

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
 * The search's hits: each matching item's id and index row, with its score when the order needs it (it
 * is most of a search's cost). Materialised, so that SQLite reads the index once and joins the
 * register to its hits, never the other way round.
 */
const hits = (scored: boolean) => `hits AS MATERIALIZED (
  SELECT s.item_id AS id, search_index.rowid AS doc${scored ? `, ${SCORE} AS score` : ''}
  FROM search_index JOIN search_items s ON s.doc = search_index.rowid WHERE search_index MATCH @search)`;

const MARKS = `'${MARK_START}', '${MARK_END}'`;

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
  owner: string | null;
  rag: Rag | null;
  status: Status;
  closed: 0 | 1;
  in_progress: 0 | 1;
  due_date: IsoDate | null;
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
      const rows = db
        .prepare(
          `SELECT r.*, i.title
           FROM (SELECT r.id FROM register r ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset) AS page
           JOIN register r ON r.id = page.id LEFT JOIN inspections i ON i.id = r.inspection_id
           ORDER BY ${order}`,
        )
        .all({ ...params, limit: page.limit, offset: page.offset }) as Row[];
      return { items: rows.map((row) => entry(row, today)), total, limit: page.limit, offset: page.offset };
    })();
  }

  /**
   * The items matching an FTS5 query, filtered, in the page's order; each with what matched marked.
   * Without a filter the index alone counts the hits and, best first, picks the page's 50: only those
   * are joined to the register.
   */
  private search(search: string, filter: RegisterFilter, page: RegisterPage, today: IsoDate): RegisterList {
    const { where, params } = conditions(filter, today);
    const { db } = this.database;
    const relevance = page.sort === 'relevance';
    const named = { ...params, search, limit: page.limit, offset: page.offset };
    const selected = `r.*, i.title, h.doc FROM hits h JOIN register r ON r.id = h.id LEFT JOIN inspections i ON i.id = r.inspection_id`;
    return db.transaction(() => {
      const total = (
        where === ''
          ? db.prepare('SELECT count(*) FROM search_index WHERE search_index MATCH @search').pluck().get({ search })
          : db
              .prepare(`WITH ${hits(false)} SELECT count(*) FROM hits h JOIN register r ON r.id = h.id ${where}`)
              .pluck()
              .get(named)
      ) as number;
      const query =
        where === '' && relevance
          ? `WITH hits AS MATERIALIZED (
               SELECT s.item_id AS id, best.doc, best.score FROM (
                 SELECT rowid AS doc, ${SCORE} AS score FROM search_index WHERE search_index MATCH @search
                 ORDER BY score, doc LIMIT @limit OFFSET @offset) AS best
               JOIN search_items s ON s.doc = best.doc)
             SELECT ${selected} ORDER BY h.score, h.doc`
          : `WITH ${hits(relevance)} SELECT ${selected} ${where} ORDER BY ${orderOf(page, true)} LIMIT @limit OFFSET @offset`;
      const rows = db.prepare(query).all(named) as (Row & { doc: number })[];
      const matches = this.matches(
        search,
        rows.map((row) => row.doc),
      );
      return {
        items: rows.map((row) => ({ ...entry(row, today), ...(matches.has(row.doc) ? { match: matches.get(row.doc) } : {}) })),
        total,
        limit: page.limit,
        offset: page.offset,
      };
    })();
  }

  /** The highlights of one page's hits only: FTS5 works them out per row, from the row's own text. */
  private matches(search: string, docs: number[]): Map<number, SearchMatch> {
    if (docs.length === 0) return new Map();
    const rows = this.database.db
      .prepare(
        `SELECT rowid AS doc, highlight(search_index, 0, ${MARKS}) AS reference, highlight(search_index, 1, ${MARKS}) AS text,
           snippet(search_index, 4, ${MARKS}, '…', 16) AS notes
         FROM search_index WHERE search_index MATCH @search AND rowid IN (${docs.map(() => '?').join(', ')})`,
      )
      .all({ search }, ...docs) as { doc: number; reference: string; text: string; notes: string }[];
    return new Map(
      rows.map((row) => [
        row.doc,
        { reference: pieces(row.reference), text: pieces(row.text), notes: row.notes.includes(MARK_START) ? pieces(row.notes) : null },
      ]),
    );
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
    owner: row.owner,
    rag: row.rag,
    status: row.status,
    closed: row.closed === 1,
    inProgress,
    dueDate: row.due_date,
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
