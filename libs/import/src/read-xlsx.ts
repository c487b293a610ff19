import { Workbook, type CellValue } from 'exceljs';
import { NotARegisterFile } from './errors';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './import-limits';
import type { RegisterTable, TableRow } from './register-table';
import { TableLimits } from './table-limits';
import { guardZip } from './zip-guard';

/** The first worksheet of an Excel workbook; row 1 is the header. A workbook that would inflate beyond the limits is never opened. */
export async function readXlsx(bytes: Buffer, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Promise<RegisterTable> {
  guardZip(bytes, limits);
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as Parameters<Workbook['xlsx']['load']>[0]);
  } catch (error) {
    throw new NotARegisterFile(`it is a zip archive but not an Excel workbook (${(error as Error).message})`);
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) throw new NotARegisterFile('the workbook has no worksheet');
  const within = new TableLimits(limits);
  const width = sheet.columnCount;
  if (width > limits.maxColumns)
    within.check(
      1,
      Array.from({ length: width }, () => 'x'),
    );
  let header: string[] = [];
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const values = Array.from({ length: width }, (_, index) => text(row.getCell(index + 1).value));
    within.check(number, values);
    if (number === 1) header = values;
    else rows.push({ row: number, values });
  });
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
