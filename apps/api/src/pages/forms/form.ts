import { randomUUID } from 'node:crypto';

/** A form post as Nest hands it over: strings, or lists of strings for repeated names. */
export type FormBody = Record<string, unknown> | undefined;

/** One field's value, trimmed; empty when absent. */
export function text(body: FormBody, name: string): string {
  const value = body?.[name];
  const first: unknown = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

/**
 * Every form that writes carries a one-time submission id (rendered with it, as its CSRF token is). Sent
 * again (a double click, a resubmission) it is the JSON API's `Idempotency-Key`: one command, the first
 * answer. An id that is not one the pages made is no key at all.
 */
export const SUBMISSION_ID = 'formId';
const SUBMISSION = /^[0-9a-f-]{36}$/;

/** The submission id a page keeps when it shows a posted form again: its own, else a new one. */
export function submissionIdOf(body: FormBody): string {
  const posted = text(body, SUBMISSION_ID);
  return SUBMISSION.test(posted) ? posted : randomUUID();
}

/** The command request's idempotency key from the form's submission id; none if it sent none. */
export function submissionKey(body: FormBody): { idempotencyKey?: string } {
  const posted = text(body, SUBMISSION_ID);
  return SUBMISSION.test(posted) ? { idempotencyKey: `form-${posted}` } : {};
}

/** The same form sent again with other details: the first was recorded, this one is not. */
export const SENT_WITH_OTHER_DETAILS =
  'This form was already sent, with other details: what was sent first is recorded. Open the form again to send these.';

export interface FieldError {
  /** The field's id on the page: the error summary links to it. */
  field: string;
  text: string;
}

/** What a template needs for the GOV.UK error summary and each field's error message. */
export function errorsForPage(errors: FieldError[]): {
  errors: { text: string; href: string }[];
  fieldErrors: Record<string, { text: string }>;
} {
  return {
    errors: errors.map((error) => ({ text: error.text, href: `#${error.field}` })),
    fieldErrors: Object.fromEntries(errors.map((error) => [error.field, { text: error.text }])),
  };
}

/**
 * A date from the GOV.UK date input's three fields (`<name>-day`, `-month`, `-year`), as YYYY-MM-DD;
 * `undefined` when all three are empty, `null` when they do not make a real date.
 */
export function dateInput(body: FormBody, name: string): string | undefined | null {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => text(body, `${name}-${part}`));
  if (!day && !month && !year) return undefined;
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** The three fields of a date input, for re-showing what was typed. */
export function dateParts(body: FormBody, name: string): { day: string; month: string; year: string } {
  return { day: text(body, `${name}-day`), month: text(body, `${name}-month`), year: text(body, `${name}-year`) };
}
