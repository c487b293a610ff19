import { OccurredAtRefused } from './errors';

/**
 * A day (`2024-06-25`, the start of that day in UTC, as before), or a date-time that says its zone
 * (`…Z`, `…+01:00`). A date-time without one would be read in whatever zone the server runs in, so the
 * same request would record different instants on different servers.
 */
const DAY_OR_ZONED = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))?$/i;

export const OCCURRED_AT_FORM = 'a day (2024-06-25) or a date-time with its zone (2024-06-25T10:00:00Z or 2024-06-25T11:00:00+01:00)';

export function isDayOrZonedDateTime(value: string): boolean {
  return DAY_OR_ZONED.test(value);
}

/**
 * When the command's facts happened in the world. Defaults to now; a date in the future, or before
 * the item's previous event, is refused: histories run forwards, and only the store knows "recorded".
 */
export function occurredAt(requested: string | undefined, now: Date, previous?: string): string {
  if (requested === undefined) {
    // A previous event dated ahead of this server's clock (another node's) must not make "now" go backwards.
    return previous !== undefined && previous > now.toISOString() ? previous : now.toISOString();
  }
  if (!isDayOrZonedDateTime(requested)) throw new OccurredAtRefused(`must be ${OCCURRED_AT_FORM}: ${JSON.stringify(requested)}`);
  const at = new Date(requested);
  if (Number.isNaN(at.getTime())) throw new OccurredAtRefused(`is not a date: ${JSON.stringify(requested)}`);
  if (at.getTime() > now.getTime()) {
    throw new OccurredAtRefused(`${at.toISOString()} is in the future (it is now ${now.toISOString()})`);
  }
  if (previous !== undefined && at.getTime() < new Date(previous).getTime()) {
    throw new OccurredAtRefused(`${at.toISOString()} is before the item's previous event (${previous})`);
  }
  return at.toISOString();
}
