/** Midday: inside the day it names in UK time, summer or winter, and so in the reports as at that day. */
const MIDDAY = 'T12:00:00.000Z';

/**
 * A command that happened on a day not after today (docs/architecture.md, "Two times"): now for today, else
 * midday that day, the day itself kept in the events' metadata so the timeline shows the day, not the midday.
 */
export function onDay(day: string, today: string): { occurredAt?: string; extra?: { occurredOn: string } } {
  if (day >= today) return {};
  return { occurredAt: `${day}${MIDDAY}`, extra: { occurredOn: day } };
}
