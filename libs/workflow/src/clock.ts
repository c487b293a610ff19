/** The time now. Injected so that tests can hold it still; the domain never reads the clock itself. */
export type Clock = () => Date;
export const CLOCK = Symbol('CLOCK');
