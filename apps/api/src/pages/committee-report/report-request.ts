import type { JacRequest } from '@hmicfrs/projections';
import { dateInput, dateParts, text, type FieldError, type FormBody } from '../forms/form';

/** When the HMICFRS process changed (August 2023): the papers count submissions for closure from then. */
export const PROCESS_CHANGE = '2023-08-01';

const FIELDS = [
  { name: 'asAt', label: 'the date of this report' },
  { name: 'previous', label: 'the date of the previous report' },
  { name: 'since', label: 'the date submissions are counted from' },
  { name: 'knownAt', label: 'the day the record stood on' },
] as const;

export interface ReportForm {
  request: JacRequest;
  /** What the date inputs show. */
  parts: Record<string, { day: string; month: string; year: string }>;
  errors: FieldError[];
}

/**
 * The report's dates, from the page's date inputs or from plain `?asAt=YYYY-MM-DD` (the download links).
 * Defaults: as at today, against the report of three months before (the committee meets quarterly),
 * submissions since the process change, and everything on record now (no `knownAt`): a past `knownAt`
 * draws the report up again as it could have been on that day, corrections recorded since left out.
 */
export function readReportForm(query: FormBody, today: string): ReportForm {
  const defaults: Record<string, string> = { asAt: today, previous: monthsBefore(today, 3), since: PROCESS_CHANGE, knownAt: '' };
  const errors: FieldError[] = [];
  const values: Record<string, string> = {};
  const parts: ReportForm['parts'] = {};
  for (const { name, label } of FIELDS) {
    const typed = dateInput(query, name);
    const plain = text(query, name);
    if (typed === null || (typed === undefined && plain !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(plain))) {
      errors.push({ field: `${name}-day`, text: `Enter ${label} as a real date` });
    }
    values[name] = typed ?? (/^\d{4}-\d{2}-\d{2}$/.test(plain) ? plain : defaults[name]);
    parts[name] = typed === undefined ? splitDate(values[name]) : dateParts(query, name);
  }
  const { asAt, previous, since, knownAt } = values;
  return { request: { asAt, previous, since, ...(knownAt ? { knownAt } : {}) }, parts, errors };
}

function splitDate(iso: string): { day: string; month: string; year: string } {
  if (iso === '') return { day: '', month: '', year: '' };
  const [year, month, day] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

function monthsBefore(day: string, months: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.toISOString().slice(0, 10);
}
