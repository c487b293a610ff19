import type { IsoDate } from '@hmicfrs/lifecycle';
import { InvalidReportParameter } from '../errors';
import type { PointInTime } from '../register/past-register';

const DAY_MS = 86_400_000;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A date-time must say its zone: a report regenerated elsewhere must mean the same instant. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A report parameter as an ISO instant. A calendar date means the whole day: as at 27 June includes
 * what happened on 27 June (`end`), since 1 August includes 1 August (`start`).
 */
export function instantOf(parameter: string, value: string, edge: 'start' | 'end'): string {
  if (CALENDAR_DATE.test(value)) {
    const start = new Date(`${value}T00:00:00.000Z`);
    if (Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== value) {
      throw new InvalidReportParameter(parameter, `is not a real date: ${JSON.stringify(value)}`);
    }
    return edge === 'start' ? start.toISOString() : new Date(start.getTime() + DAY_MS - 1).toISOString();
  }
  const at = DATE_TIME.test(value) ? new Date(value) : undefined;
  if (at === undefined || Number.isNaN(at.getTime())) {
    throw new InvalidReportParameter(
      parameter,
      `must be a date (YYYY-MM-DD) or a date-time with its zone (2024-06-27T18:00:00Z); got ${JSON.stringify(value)}`,
    );
  }
  return at.toISOString();
}

/** What a past view was asked for: as at (default now) and as known at (default now, and never later than now). */
export function pointInTime(asAt: string | undefined, knownAt: string | undefined, now: Date): PointInTime {
  const current = now.toISOString();
  const known = knownAt === undefined ? current : instantOf('knownAt', knownAt, 'end');
  return {
    asAt: asAt === undefined ? current : instantOf('asAt', asAt, 'end'),
    // Nothing recorded after now is known yet; clamped, the printed moment can be asked for again and means the same.
    knownAt: known > current ? current : known,
  };
}

export function dayOf(instant: string): IsoDate {
  return instant.slice(0, 10);
}

/** Whole days from `from` to `to`. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
