import { Workbook } from 'exceljs';
import { fixedPackage, type RegisterEntry } from '@hmicfrs/projections';
import type { IsoDate } from '@hmicfrs/lifecycle';
import { EXPORT_COLUMNS } from './export-columns';

/**
 * One worksheet, the header frozen and filterable, as a liaison officer would lay the tracker out. Dated
 * the day it is the register as at (exceljs would stamp the moment it was made): the same register gives
 * the same bytes, so an auditor can check a file by its hash.
 */
export async function registerXlsx(entries: readonly RegisterEntry[], title: string, asAt: IsoDate): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'HMICFRS recommendations';
  const sheet = workbook.addWorksheet('Register', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((column) => ({ header: column.header, width: column.width }));
  sheet.getRow(1).font = { bold: true };
  // exceljs writes strings as text cells: a user's "=…" never becomes a formula.
  for (const entry of entries) sheet.addRow(EXPORT_COLUMNS.map((column) => column.value(entry)));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };
  workbook.title = title;
  return fixedPackage(Buffer.from(await workbook.xlsx.writeBuffer()), `${asAt}T00:00:00Z`);
}
