import type { Environment } from 'nunjucks';
import { dueWithinWords, longDate, sealWords } from '@hmicfrs/projections';
import { COMMAND, EVENT, INSPECTION_TYPE, KIND, RAG, RAG_TAG, ROLE, STATUS, STATUS_TAG, piecesOfEvidence } from './words';
import { describeMediaType } from '@hmicfrs/evidence';

const LONDON = 'Europe/London';
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: LONDON });
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: LONDON });

export { ukDay } from '@hmicfrs/clock';

/** Dates as GOV.UK writes them ("27 June 2024"), in UK time; a calendar date stays the day it names. */
export function govukDate(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

export function govukDateTime(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : `${dateFormat.format(date)}, ${timeFormat.format(date)}`;
}

/** A document's size as people read it: 812 bytes, 34 KB, 2.4 MB. */
export function fileSize(value: unknown): string {
  const bytes = Number(value);
  if (!Number.isFinite(bytes)) return '';
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A term's words, looked up among the table's own keys: a stored "constructor" is shown as itself, not as Object's. */
const lookup = (words: Record<string, string>) => (value: unknown) =>
  typeof value === 'string' && Object.hasOwn(words, value) ? words[value] : String(value ?? '');

/** The filters every template may use: dates, and the product's terms from `words.ts`. */
export function configureNunjucks(env: Environment): void {
  env.addFilter('govukDate', govukDate);
  env.addFilter('govukDateTime', govukDateTime);
  // A report's dates are whole days, carried as the instant that starts or ends them: named by that day,
  // as the report's Markdown and CSV name them (the end of 23 August is 24 August in British Summer Time).
  env.addFilter('reportDate', longDate);
  env.addFilter('dueWithin', dueWithinWords);
  env.addFilter('sealWords', sealWords);
  env.addFilter('status', lookup(STATUS));
  env.addFilter('statusTag', lookup(STATUS_TAG));
  env.addFilter('kind', lookup(KIND));
  env.addFilter('rag', lookup(RAG));
  env.addFilter('ragTag', lookup(RAG_TAG));
  env.addFilter('role', lookup(ROLE));
  env.addFilter('inspectionType', lookup(INSPECTION_TYPE));
  env.addFilter('eventName', lookup(EVENT));
  env.addFilter('command', lookup(COMMAND));
  env.addFilter('piecesOfEvidence', piecesOfEvidence);
  env.addFilter('fileSize', fileSize);
  env.addFilter('number', (value: unknown) => Number(value).toLocaleString('en-GB'));
  env.addFilter('mediaType', (value: unknown) => describeMediaType(String(value ?? '')));
}
