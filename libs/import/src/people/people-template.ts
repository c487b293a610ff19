import { PEOPLE_COLUMNS } from './people-row';

/** An empty directory file, the header row only: a list laid out like it imports as it is. */
export function peopleTemplateCsv(): string {
  return `${PEOPLE_COLUMNS.join(',')}\r\n`;
}
