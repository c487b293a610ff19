import type { DueWithin, IsoDate } from './events';

/**
 * The day an item is due when HMICFRS gives it as a span ("within three months of publication"): the
 * same day of the month that many months after the report's publication, or the month's last day where
 * it has no such day (31 August + 6 months is 28 or 29 February).
 */
export function dueDateWithin(publishedOn: IsoDate, within: DueWithin): IsoDate {
  const [year, month, day] = publishedOn.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + within.months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}
