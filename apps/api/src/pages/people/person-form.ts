import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Person, Role } from '@hmicfrs/lifecycle';
import { PersonDto } from '../../people/person.dto';
import { text, type FieldError, type FormBody } from '../forms/form';

/** What to say for each field the API's DTO refuses, in the words of the page. */
const PERSON_ERRORS: Record<string, FieldError> = {
  id: {
    field: 'id',
    text: 'Enter what they sign in with (their e-mail-like user name): letters, digits or _ . : @ - (up to 100), starting with a letter or digit',
  },
  name: { field: 'name', text: 'Enter their name as the pages should show it (up to 200 characters)' },
  email: { field: 'email', text: 'Enter an e-mail address, or leave it empty' },
  roles: { field: 'roles', text: 'Select at least one role they act in' },
  portfolio: { field: 'portfolio', text: 'Enter what they lead (up to 200 characters), or leave it empty' },
};

/** Every value of a repeated field (the role checkboxes), trimmed. */
function all(body: FormBody, name: string): string[] {
  const value = body?.[name];
  const values: unknown[] = Array.isArray(value) ? (value as unknown[]) : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string').map((v) => v.trim());
}

/** The person form, checked by the same DTO as `POST /people`. */
export function readPerson(body: FormBody): { person: Person } | { errors: FieldError[] } {
  const email = text(body, 'email');
  const portfolio = text(body, 'portfolio');
  const values = {
    id: text(body, 'id'),
    name: text(body, 'name'),
    roles: all(body, 'roles'),
    ...(email ? { email } : {}),
    ...(portfolio ? { portfolio } : {}),
  };
  const failed = new Set(
    validateSync(plainToInstance(PersonDto, values), { whitelist: true, forbidNonWhitelisted: true }).map((f) => f.property),
  );
  const errors = Object.keys(PERSON_ERRORS)
    .filter((name) => failed.has(name))
    .map((name) => PERSON_ERRORS[name]);
  if (errors.length) return { errors };
  return {
    person: { id: values.id, name: values.name, email: email || null, roles: values.roles as Role[], portfolio: portfolio || null },
  };
}
