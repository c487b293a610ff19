import { CsvError, parse } from 'csv-parse/sync';
import { NotARegisterFile } from './errors';
import type { RegisterTable } from './register-table';

/** CSV as spreadsheets save it: UTF-8 with or without a byte-order mark, quoted fields, commas. */
export function readCsv(bytes: Buffer): RegisterTable {
  let records: string[][];
  try {
    // Blank lines are kept (and skipped later) so that record N is spreadsheet row N + 1.
    records = parse(bytes, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) throw new NotARegisterFile(`it is not valid CSV (${error.message})`);
    throw error;
  }
  const [header = [], ...rest] = records;
  return { format: 'csv', header, rows: rest.map((values, index) => ({ row: index + 2, values })) };
}
