import { Readable } from 'node:stream';
import { stream, type CellValue } from 'exceljs';
import { breathe } from './breathe';
import { ImportTooLarge, NotARegisterFile } from './errors';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './import-limits';
import type { RegisterTable, TableRow } from './register-table';
import { TableLimits } from './table-limits';
import { guardZip } from './zip-guard';

/**
 * The first worksheet of an Excel workbook; row 1 is the header. A workbook that would inflate beyond the
 * limits is never opened; one that passes is read as a stream, row by row, and refused at the first row
 * past a limit, so the workbook's XML is never held whole.
 */
export async function readXlsx(bytes: Buffer, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Promise<RegisterTable> {
  await guardZip(bytes, limits);
  const within = new TableLimits(limits);
  const reader = new stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
  let header: string[] = [];
  const rows: TableRow[] = [];
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      sheets += 1;
      if (sheets > 1) continue; // Drained, not read: the register is the first worksheet.
      for await (const row of sheet) {
        await breathe();
        const width = Math.max(row.cellCount, header.length);
        if (width > limits.maxColumns)
          within.check(
            row.number,
            Array.from({ length: width }, () => 'x'),
          );
        const values = Array.from({ length: width }, (_, index) => text(row.getCell(index + 1).value));
        if (values.every((value) => value === '')) continue;
        within.check(row.number, values);
        if (row.number === 1) header = values;
        else rows.push({ row: row.number, values });
      }
    }
  } catch (error) {
    if (error instanceof ImportTooLarge) throw error;
    throw new NotARegisterFile(`it is a zip archive but not an Excel workbook (${(error as Error).message})`);
  }
  if (sheets === 0) throw new NotARegisterFile('the workbook has no worksheet');
  return { format: 'xlsx', header, rows };
}

/** A cell as the text a CSV of it would hold; dates as YYYY-MM-DD (Excel keeps them as UTC midnight). */
function text(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value).trim();
  if ('richText' in value)
    return value.richText
      .map((run) => run.text)
      .join('')
      .trim();
  if ('hyperlink' in value) return String(value.text).trim();
  if ('error' in value) return value.error;
  if ('result' in value) return text(value.result as CellValue);
  return '';
}
