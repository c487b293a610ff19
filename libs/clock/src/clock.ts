/**
 * The time now, for everything that asks: the command pipeline ("occurredAt defaults to now"), the
 * reports' "today", the reminders' day. One clock, injected once (docs/architecture.md, "One clock"),
 * so that a test or a replay can hold time still. The store adapters stamp `recordedAt` with their own.
 */
export type Clock = () => Date;

export const CLOCK = Symbol('CLOCK');

/** The machine's clock: the one place the product reads the time of day. */
export const systemClock: Clock = () => new Date();

/** Today as a calendar date (`YYYY-MM-DD`, UTC), what due dates are compared with. */
export const todayOf = (clock: Clock): string => clock().toISOString().slice(0, 10);

const ukDayFormat = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/London' });

/** The day an instant falls on as people in the force count it (YYYY-MM-DD, UK time): a page's "today". */
export const ukDay = (at: Date): string => ukDayFormat.format(at);
