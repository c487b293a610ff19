import type { RegisterFilter, RegisterSort } from '@hmicfrs/projections';
import type { ItemKind, Level, Rag, Status } from '@hmicfrs/lifecycle';

const STATUSES: readonly Status[] = ['open', 'rag_rated', 'submitted', 'self_certified', 'awaiting_hmicfrs', 'hmicfrs_verified', 'archived', 'not_applicable'];
const KINDS: readonly ItemKind[] = ['recommendation', 'cause_of_concern', 'area_for_improvement'];
const RAGS: readonly (Rag | 'unrated')[] = ['red', 'amber', 'green', 'unrated'];

/** A filter parameter the export cannot read: the message names it and what it takes. */
export class InvalidRegisterFilter extends Error {
  override readonly name = 'InvalidRegisterFilter';
}

/** The register's filters, named as `RegisterFilter` names them, from query-string or command-line text. */
export const REGISTER_FILTER_PARAMS = ['status', 'kind', 'level', 'rag', 'owner', 'report', 'closed', 'overdue', 'dueWithinDays'] as const;

export function registerFilterFrom(params: Partial<Record<(typeof REGISTER_FILTER_PARAMS)[number], string>>): RegisterFilter {
  const filter: RegisterFilter = {};
  if (params.status !== undefined) filter.status = params.status.split(',').map((status) => oneOf('status', status.trim(), STATUSES));
  if (params.kind !== undefined) filter.kind = oneOf('kind', params.kind, KINDS);
  if (params.level !== undefined) filter.level = Number(oneOf('level', params.level, ['1', '2', '3', '4'])) as Level;
  if (params.rag !== undefined) filter.rag = oneOf('rag', params.rag, RAGS);
  if (params.owner !== undefined) filter.owner = params.owner;
  if (params.report !== undefined) filter.report = params.report;
  if (params.closed !== undefined) filter.closed = oneOf('closed', params.closed, ['true', 'false']) === 'true';
  if (params.overdue !== undefined) filter.overdue = oneOf('overdue', params.overdue, ['true', 'false']) === 'true';
  if (params.dueWithinDays !== undefined) {
    if (!/^\d{1,4}$/.test(params.dueWithinDays)) throw new InvalidRegisterFilter('dueWithinDays must be a whole number of days');
    filter.dueWithinDays = Number(params.dueWithinDays);
  }
  return filter;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new InvalidRegisterFilter(`${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
  return value as T;
}

/** Exports list the whole filtered register, in reference order. */
export const EXPORT_SORT: RegisterSort = 'reference';
