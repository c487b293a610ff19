import { Workbook } from 'exceljs';
import type { RegisterEntry } from '@hmicfrs/projections';
import { EXPORT_COLUMNS } from './export-columns';

/** One worksheet, the header frozen and filterable, as a liaison officer would lay the tracker out. */
export async function registerXlsx(entries: readonly RegisterEntry[], title: string): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'HMICFRS recommendations';
  const sheet = workbook.addWorksheet('Register', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((column) => ({ header: column.header, width: column.width }));
  sheet.getRow(1).font = { bold: true };
  // exceljs writes strings as text cells: a user's "=…" never becomes a formula.
  for (const entry of entries) sheet.addRow(EXPORT_COLUMNS.map((column) => column.value(entry)));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };
  workbook.title = title;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
