import { Workbook } from 'exceljs';
import { readXlsx } from './read-xlsx';

describe('readXlsx, read as a stream', () => {
  it('reads the first worksheet as text: dates as days, rich text, links and formulas as what they show', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Tracker');
    sheet.addRow(['published_on', 'text', 'link', 'sum', 'n']);
    sheet.addRow([
      new Date(Date.UTC(2022, 10, 2)),
      { richText: [{ text: 'Chief ' }, { text: 'constables', font: { bold: true } }] },
      { text: 'the report', hyperlink: 'https://example.org' },
      { formula: '1+1', result: 2 },
      7,
    ]);
    sheet.addRow([]);
    sheet.addRow(['', 'last']);
    workbook.addWorksheet('Notes').addRow(['not read']);
    const table = await readXlsx(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(table.header).toEqual(['published_on', 'text', 'link', 'sum', 'n']);
    expect(table.rows).toEqual([
      { row: 2, values: ['2022-11-02', 'Chief constables', 'the report', '2', '7'] },
      { row: 4, values: ['', 'last', '', '', ''] },
    ]);
  });
});
