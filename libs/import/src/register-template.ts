import { Workbook } from 'exceljs';
import { COLUMNS, COLUMN_NAMES } from './columns';

/** An empty register: the header row the importer reads, nothing else, so it cannot bring in an invented item. */
export function registerTemplateCsv(): string {
  return `${COLUMN_NAMES.join(',')}\r\n`;
}

/**
 * The same header as a workbook's first sheet (the one the importer reads), dates as text so Excel does
 * not turn a typed 05/03/2023 into a US date, and a second sheet saying what each column holds.
 */
export async function registerTemplateXlsx(): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'HMICFRS recommendations';
  const register = workbook.addWorksheet('Register', { views: [{ state: 'frozen', ySplit: 1 }] });
  register.columns = COLUMNS.map((column) => ({
    header: column.name,
    width: Math.max(14, column.name.length + 4),
    style: { numFmt: '@' },
  }));
  register.getRow(1).font = { bold: true };
  const guide = workbook.addWorksheet('Columns');
  guide.columns = [
    { header: 'column', width: 20 },
    { header: 'required', width: 10 },
    { header: 'meaning', width: 100 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const column of COLUMNS) guide.addRow([column.name, column.required ? 'yes' : '', column.describe.replace(/`/g, '')]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
