import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { breathe } from './breathe';
import { ImportTooLarge, NotARegisterFile } from './errors';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './import-limits';
import type { RegisterTable, TableRow } from './register-table';
import { TableLimits } from './table-limits';

/**
 * CSV as spreadsheets save it: UTF-8 with or without a byte-order mark, quoted fields, commas. Read as a
 * stream, record by record, so a file over a limit is refused at the first record past it.
 */
export async function readCsv(bytes: Buffer, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Promise<RegisterTable> {
  const within = new TableLimits(limits);
  // A record longer than every cell at its longest is refused by the parser before it is built.
  const maxRecordChars = limits.maxCellChars * limits.maxColumns;
  // Blank lines are kept (and skipped later) so that record N is spreadsheet row N + 1.
  const parser = Readable.from(chunks(bytes)).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: false, trim: true, max_record_size: maxRecordChars }),
  );
  let header: string[] = [];
  const rows: TableRow[] = [];
  let row = 0;
  try {
    for await (const values of parser as AsyncIterable<string[]>) {
      row += 1;
      await breathe();
      within.check(row, values);
      if (row === 1) header = values;
      else rows.push({ row, values });
    }
  } catch (error) {
    parser.destroy();
    if (error instanceof CsvError && error.code === 'CSV_MAX_RECORD_SIZE') {
      throw new ImportTooLarge(
        'cell',
        limits.maxCellChars,
        `Row ${row + 1} holds more than ${maxRecordChars} characters; a cell may hold at most ${limits.maxCellChars}`,
      );
    }
    if (error instanceof CsvError) throw new NotARegisterFile(`it is not valid CSV (${error.message})`);
    throw error;
  }
  return { format: 'csv', header, rows };
}

/** The file 16 KB at a time, so the parser works between turns of the event loop rather than in one long one. */
function* chunks(bytes: Buffer): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += 16 * 1024) yield bytes.subarray(at, at + 16 * 1024);
}
