import type { IsoDate } from '@hmicfrs/lifecycle';

/** Calendar arithmetic on YYYY-MM-DD days, in UTC so that a day is the same day wherever the job runs. */
export function addDays(day: IsoDate, days: number): IsoDate {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function addMonths(day: IsoDate, months: number): IsoDate {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
}

export function dayOf(instant: string): IsoDate {
  return instant.slice(0, 10);
}
