import { REGISTER_SORTS, type RegisterFilter, type RegisterSort } from '@hmicfrs/projections';
import type { ItemKind, Level, Rag, Status } from '@hmicfrs/lifecycle';
import { text, type FormBody } from '../forms/form';
import { KIND, RAG, STATUS } from '../words';

/** As long as the API's `q` may be. */
export const SEARCH_MAX_LENGTH = 200;

/** As long as an addressee may be recorded. */
const ADDRESSEE_MAX_LENGTH = 200;

export const PAGE_SIZE = 50;
/** "Due soon" on the register: due within the next 30 days (the issue's words). */
export const DUE_SOON_DAYS = 30;

/** The register's address as the filter form sends it: every value a string, every one optional. */
export interface RegisterQuery {
  /** Words to search for. */
  q: string;
  status: string;
  kind: string;
  level: string;
  rag: string;
  owner: string;
  report: string;
  /** Whom the items are addressed to, as recorded. */
  addressee: string;
  overdue: string;
  dueSoon: string;
  sort: string;
  order: string;
  page: string;
}

export type ReadQuery =
  | { ok: true; query: RegisterQuery; filter: RegisterFilter; sort: RegisterSort; descending: boolean; page: number }
  | { ok: false; problem: string };

const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

/** The filters, sort and page asked for; a value no form offers is refused, naming it. */
export function readRegisterQuery(raw: FormBody): ReadQuery {
  const query = Object.fromEntries(
    ['q', 'status', 'kind', 'level', 'rag', 'owner', 'report', 'addressee', 'overdue', 'dueSoon', 'sort', 'order', 'page'].map((name) => [
      name,
      text(raw, name),
    ]),
  ) as unknown as RegisterQuery;
  const refuse = (field: keyof RegisterQuery, label: string = field) => ({
    ok: false as const,
    problem: `The register cannot be filtered by ${label} "${query[field]}"`,
  });
  // Own keys only: `in` would take `constructor`, `toString` or `__proto__` from Object.prototype as a status.
  if (query.q.length > SEARCH_MAX_LENGTH) {
    return { ok: false as const, problem: `A search must be at most ${SEARCH_MAX_LENGTH} characters` };
  }
  if (query.status && !Object.hasOwn(STATUS, query.status)) return refuse('status');
  if (query.kind && !Object.hasOwn(KIND, query.kind)) return refuse('kind');
  if (query.level && !/^[1-4]$/.test(query.level)) return refuse('level');
  if (query.rag && !Object.hasOwn(RAG, query.rag) && query.rag !== 'unrated') return refuse('rag', 'RAG rating');
  if (query.owner && !IDENTIFIER.test(query.owner)) return refuse('owner');
  if (query.report && !IDENTIFIER.test(query.report)) return refuse('report', 'inspection report');
  if (query.addressee.length > ADDRESSEE_MAX_LENGTH) return refuse('addressee');
  if (query.sort && !(REGISTER_SORTS as readonly string[]).includes(query.sort)) return refuse('sort');
  if (query.order && !['asc', 'desc'].includes(query.order)) return refuse('order');
  if (query.page && !/^[1-9]\d{0,6}$/.test(query.page)) return refuse('page');
  const filter: RegisterFilter = {
    ...(query.q ? { search: query.q } : {}),
    ...(query.status ? { status: [query.status as Status] } : {}),
    ...(query.kind ? { kind: query.kind as ItemKind } : {}),
    ...(query.level ? { level: Number(query.level) as Level } : {}),
    ...(query.rag ? { rag: query.rag as Rag | 'unrated' } : {}),
    ...(query.owner ? { owner: query.owner } : {}),
    ...(query.report ? { report: query.report } : {}),
    ...(query.addressee ? { addressee: query.addressee } : {}),
    ...(query.overdue === 'yes' ? { overdue: true } : {}),
    ...(query.dueSoon === 'yes' ? { dueWithinDays: DUE_SOON_DAYS } : {}),
  };
  return {
    ok: true,
    query,
    filter,
    // A search lists the best matches first unless a column is chosen.
    sort: (query.sort || (query.q ? 'relevance' : 'reference')) as RegisterSort,
    descending: query.order === 'desc',
    page: query.page ? Number(query.page) : 1,
  };
}

/** The register's address with some values changed (a sort link, a page link), keeping the rest. */
export function registerUrl(query: RegisterQuery, changes: Partial<RegisterQuery>): string {
  const merged = { ...query, ...changes };
  const params = new URLSearchParams(Object.entries(merged).filter(([, value]) => value !== ''));
  const search = params.toString();
  return `/app/register${search ? `?${search}` : ''}`;
}
