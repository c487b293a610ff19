import type { RegisterEntry } from '@hmicfrs/projections';
import { EXPORT_COLUMNS } from './export-columns';

/** CSV as Excel opens it: a byte-order mark so it reads UTF-8, CRLF line ends, every field quoted. */
export function registerCsv(entries: readonly RegisterEntry[]): Buffer {
  const lines = [
    EXPORT_COLUMNS.map((column) => column.header),
    ...entries.map((entry) => EXPORT_COLUMNS.map((column) => column.value(entry))),
  ];
  return Buffer.from(`\uFEFF${lines.map((cells) => cells.map(field).join(',')).join('\r\n')}\r\n`, 'utf8');
}

/** A cell a spreadsheet would take for a formula (=, +, -, @) is kept as text: the register's text comes from users. */
function field(value: string | number): string {
  const text = String(value);
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}
