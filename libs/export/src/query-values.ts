import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** `true` / `false` in a query string, as booleans; anything else is left for the validator to refuse. */
export const ToBoolean = () => Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

/** A whole number in a query string; anything else is left for the validator to refuse. */
export const ToInteger = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,9}$/.test(value) ? Number(value) : value));

/** `a,b,c` in a query string, as a list. */
export const ToList = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((part) => part.trim()) : value));

/** `dueWithinDays`: a whole number of days from today, up to ten years ahead. */
export const IsDaysAhead = () =>
  applyDecorators(
    ToInteger(),
    IsInt({ message: 'dueWithinDays must be a whole number of days' }),
    Min(0, { message: 'dueWithinDays must be 0 or more' }),
    Max(3650, { message: 'dueWithinDays must be at most 3650' }),
  );
