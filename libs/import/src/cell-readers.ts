import {
  PERSON_ID,
  PERSON_ID_RULE,
  personId,
  type InspectionType,
  type ItemKind,
  type Level,
  type Rag,
  type Status,
} from '@hmicfrs/lifecycle';

/**
 * Reading one cell into the domain's words. Each returns the value, or a reason the cell cannot be read.
 * Spelling in trackers varies ("Area for Improvement", "AFI", "Lv3"), so the common variants are accepted.
 */
export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = (reason: string): Read<never> => ({ ok: false, reason });

/** Lower case, words joined by underscores: "Self-certified" is `self_certified`. */
function word(cell: string): string {
  return cell
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

function oneOf<T extends string>(cell: string, allowed: Record<string, T>, what: string, listed: readonly T[]): Read<T> {
  const found = allowed[word(cell)];
  return found === undefined ? bad(`unknown ${what} ${JSON.stringify(cell)}: must be one of ${listed.join(', ')}`) : ok(found);
}

const KINDS: readonly ItemKind[] = ['recommendation', 'cause_of_concern', 'area_for_improvement'];
const KIND_WORDS: Record<string, ItemKind> = {
  recommendation: 'recommendation',
  cause_of_concern: 'cause_of_concern',
  cause_for_concern: 'cause_of_concern',
  area_for_improvement: 'area_for_improvement',
  afi: 'area_for_improvement',
};
export const readKind = (cell: string) => oneOf(cell, KIND_WORDS, 'kind', KINDS);

const INSPECTION_TYPES: readonly InspectionType[] = ['peel', 'thematic', 'jtai', 'super_complaint', 're_visit', 'other'];
const INSPECTION_TYPE_WORDS: Record<string, InspectionType> = {
  ...Object.fromEntries(INSPECTION_TYPES.map((type) => [type, type])),
  revisit: 're_visit',
  supercomplaint: 'super_complaint',
  national_thematic: 'thematic',
};
export const readInspectionType = (cell: string) => oneOf(cell, INSPECTION_TYPE_WORDS, 'inspection type', INSPECTION_TYPES);

const RAGS: readonly Rag[] = ['red', 'amber', 'green'];
export const readRag = (cell: string) => oneOf(cell, { red: 'red', amber: 'amber', green: 'green' }, 'RAG rating', RAGS);

export const STATUSES: readonly Status[] = [
  'open',
  'rag_rated',
  'submitted',
  'self_certified',
  'awaiting_hmicfrs',
  'hmicfrs_verified',
  'archived',
  'not_applicable',
];
const STATUS_WORDS: Record<string, Status> = {
  ...Object.fromEntries(STATUSES.map((status) => [status, status])),
  submitted_for_closure: 'submitted',
  with_hmicfrs: 'awaiting_hmicfrs',
  verified: 'hmicfrs_verified',
  closed_and_archived: 'archived',
};
export const readStatus = (cell: string) => oneOf(cell, STATUS_WORDS, 'status', STATUSES);

export function readLevel(cell: string): Read<Level> {
  const match = /^(?:level|lv|l)?\s*([1-4])$/i.exec(cell.trim());
  return match ? ok(Number(match[1]) as Level) : bad(`unknown level ${JSON.stringify(cell)}: must be 1, 2, 3 or 4`);
}

/** The forms of date a tracker may hold, as a refusal names them. */
export const DATE_FORMS = 'DD/MM/YYYY (31/12/2024) or YYYY-MM-DD (2024-12-31)';

/**
 * A real day, as YYYY-MM-DD. UK trackers write the day first (`05/03/2023` is 5 March, never May 3rd);
 * the ISO form is taken too. Anything else (`03-05-23`, `5 March 2023`, two-digit years) is refused
 * rather than guessed.
 */
export function readDate(cell: string): Read<string> {
  const value = cell.trim();
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const iso = uk ? `${uk[3]}-${uk[2].padStart(2, '0')}-${uk[1].padStart(2, '0')}` : value;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : undefined;
  if (day === undefined || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== iso) {
    return bad(`${JSON.stringify(cell)} is not a date: write it as ${DATE_FORMS}`);
  }
  return ok(iso);
}

/** An id that can name a stream, as the API takes it: the reference, the report's id, the owner. */
export function readIdentifier(cell: string): Read<string> {
  const value = cell.trim();
  return /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/.test(value)
    ? ok(value)
    : bad(`${JSON.stringify(cell)} must be 1–100 letters, digits or _ . : - and start with a letter or digit`);
}

/** A person's id, exactly as the directory of people takes it (`PERSON_ID`, a UPN too), normalised as it enters. */
export function readPersonId(cell: string): Read<string> {
  const value = cell.trim();
  return PERSON_ID.test(value) ? ok(personId(value)) : bad(`${JSON.stringify(cell)} must be ${PERSON_ID_RULE}`);
}

export function readText(max: number): (cell: string) => Read<string> {
  return (cell) => {
    const value = cell.trim();
    return value.length > max ? bad(`is ${value.length} characters long; at most ${max}`) : ok(value);
  };
}
