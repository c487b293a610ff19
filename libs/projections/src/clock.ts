/** The time now, for "today" in overdue lists and "as known now" in reports; injected so tests can hold it still. */
export type Clock = () => Date;
export const READ_CLOCK = Symbol('READ_CLOCK');
