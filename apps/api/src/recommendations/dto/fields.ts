import { PERSON_ID, PERSON_ID_RULE } from '@hmicfrs/lifecycle';
import { applyDecorators } from '@nestjs/common';
import { IsISO8601, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** An id that can name a stream: letters, digits and _ . : - (the item's HMICFRS reference, a report's id). */
export const IsIdentifier = (options: { each?: boolean } = {}) =>
  applyDecorators(
    IsString(options),
    Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, {
      ...options,
      message: '$property must be 1–100 letters, digits or _ . : - and start with a letter or digit',
    }),
  );

/** A person's id: what they sign in with, so an e-mail-like UPN too (`@`); compared case-insensitively. */
export const IsPersonId = () =>
  applyDecorators(IsString(), Matches(PERSON_ID, { message: `$property must be a person in the directory: ${PERSON_ID_RULE}` }));

/** A non-empty piece of prose with a sane bound. */
export const IsText = (max = 10_000) =>
  applyDecorators(
    IsString(),
    MinLength(1, { message: '$property must not be empty' }),
    MaxLength(max, { message: `$property must be at most ${max} characters` }),
  );

/** A calendar date, YYYY-MM-DD. */
export const IsCalendarDate = () =>
  applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date as YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a real date as YYYY-MM-DD' }),
  );
