import { Transform } from 'class-transformer';

/** `true` / `false` in a query string, as booleans; anything else is left for the validator to refuse. */
export const ToBoolean = () => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

/** A whole number in a query string; anything else is left for the validator to refuse. */
export const ToInteger = () => Transform(({ value }) => (typeof value === 'string' && /^-?\d{1,9}$/.test(value) ? Number(value) : value));

/** `a,b,c` in a query string, as a list. */
export const ToList = () => Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value));
