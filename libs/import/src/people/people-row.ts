import { ROLES, isRole } from '@hmicfrs/auth';
import { PERSON_ID, PERSON_ID_RULE, type Person } from '@hmicfrs/lifecycle';
import type { RowProblem } from '../register-row';
import type { TableRow } from '../register-table';

/** The columns of a people file, in the template's order; `email` and `portfolio` may be left out or empty. */
export const PEOPLE_COLUMNS = ['id', 'name', 'email', 'roles', 'portfolio'] as const;
type Column = (typeof PEOPLE_COLUMNS)[number];
const REQUIRED: Column[] = ['id', 'name', 'roles'];

/** The same bounds as `POST /people` (PersonDto). */
const MAX_NAME = 200;
const MAX_EMAIL = 254;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Where each column is in the file's header, or the header's problems (row 1). */
export function peopleColumns(header: string[]): { at: Partial<Record<Column, number>> } | { problems: RowProblem[] } {
  const at: Partial<Record<Column, number>> = {};
  header.forEach((name, index) => {
    const column = name.trim().toLowerCase() as Column;
    if ((PEOPLE_COLUMNS as readonly string[]).includes(column) && at[column] === undefined) at[column] = index;
  });
  const missing = REQUIRED.filter((column) => at[column] === undefined);
  if (missing.length === 0) return { at };
  return {
    problems: missing.map((column) => ({
      row: 1,
      column,
      reason: `the header has no ${column} column: the columns are ${PEOPLE_COLUMNS.join(',')}`,
    })),
  };
}

/** One row as a person, or what is wrong with each of its cells, in the liaison officer's words. */
export function readPersonRow(table: TableRow, at: Partial<Record<Column, number>>): { person: Person } | { problems: RowProblem[] } {
  const cell = (column: Column) => (at[column] === undefined ? '' : (table.values[at[column]] ?? '').trim());
  const problems: RowProblem[] = [];
  const wrong = (column: Column, reason: string) => problems.push({ row: table.row, column, reason });

  const id = cell('id');
  if (!PERSON_ID.test(id))
    wrong('id', id === '' ? 'an id is needed: what they sign in with' : `${id} is not an id: it must be ${PERSON_ID_RULE}`);
  const name = cell('name');
  if (name === '') wrong('name', 'a name is needed, as the pages should show it');
  else if (name.length > MAX_NAME) wrong('name', `a name may be at most ${MAX_NAME} characters`);
  const email = cell('email');
  if (email !== '' && (email.length > MAX_EMAIL || !EMAIL.test(email))) wrong('email', `${email} is not an e-mail address`);
  // Roles separated as a spreadsheet cell can hold several: `owner;liaison`, `owner|dcc` or `owner, dcc`.
  const roles = [
    ...new Set(
      cell('roles')
        .split(/[;|,]/)
        .map((role) => role.trim().toLowerCase())
        .filter((role) => role !== ''),
    ),
  ];
  const unknown = roles.filter((role) => !isRole(role));
  if (roles.length === 0) wrong('roles', `at least one role is needed, of ${ROLES.join(', ')}`);
  else if (unknown.length > 0)
    wrong('roles', `${unknown.join(', ')} ${unknown.length === 1 ? 'is not a role' : 'are not roles'}: the roles are ${ROLES.join(', ')}`);
  const portfolio = cell('portfolio');
  if (portfolio.length > MAX_NAME) wrong('portfolio', `a portfolio may be at most ${MAX_NAME} characters`);

  if (problems.length > 0) return { problems };
  return { person: { id, name, email: email || null, roles: roles.filter(isRole), portfolio: portfolio || null } };
}
