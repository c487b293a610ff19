import { Workbook } from 'exceljs';
import { FileTooLarge, ImportRejected, NotARegisterFile, type ImportReport } from '@hmicfrs/import';
import { HEADER, csv, importFixture, row, type ImportFixture } from './import-fixture';

/** Every bad-input case of issue 6: a clear report naming row, column and reason, and nothing written. */
describe('a register with bad input', () => {
  let fixture: ImportFixture;
  beforeEach(async () => {
    fixture = await importFixture();
  });
  afterEach(() => fixture.close());

  async function rejected(bytes: Buffer): Promise<ImportReport> {
    const attempt = fixture.importer.import({ name: 'tracker.csv', bytes });
    await expect(attempt).rejects.toBeInstanceOf(ImportRejected);
    const error = (await attempt.catch((e: unknown) => e)) as ImportRejected;
    expect(await fixture.position()).toBe(fixture.start);
    return error.report;
  }

  it('names an unknown column and writes nothing', async () => {
    const report = await rejected(csv([row({ colour: 'blue' })], [...HEADER, 'colour']));
    expect(report.problems).toEqual([
      { row: 1, column: 'colour', reason: expect.stringContaining('unknown column; the columns are inspection_id') },
    ]);
  });

  it('names a missing required column', async () => {
    const report = await rejected(
      csv(
        [row()],
        HEADER.filter((column) => column !== 'level'),
      ),
    );
    expect(report.problems).toEqual([{ row: 1, column: 'level', reason: 'required column is missing' }]);
  });

  it('names every missing required value, row by row, and writes nothing even for the good rows', async () => {
    const report = await rejected(csv([row(), row({ reference: '35', text: '', portfolio: ' ' })]));
    expect(report.problems).toEqual([
      { row: 3, column: 'text', reason: 'is required' },
      { row: 3, column: 'portfolio', reason: 'is required' },
    ]);
  });

  it('refuses unknown levels and kinds, naming what is allowed', async () => {
    const report = await rejected(csv([row({ level: '5' }), row({ reference: '35', kind: 'observation' })]));
    expect(report.problems).toEqual([
      { row: 2, column: 'level', reason: 'unknown level "5": must be 1, 2, 3 or 4' },
      {
        row: 3,
        column: 'kind',
        reason: 'unknown kind "observation": must be one of recommendation, cause_of_concern, area_for_improvement',
      },
    ]);
  });

  it('refuses dates in any other form rather than guess, naming the forms it takes', async () => {
    const forms = 'write it as DD/MM/YYYY (31/12/2024) or YYYY-MM-DD (2024-12-31)';
    const report = await rejected(
      csv([
        row({ due_date: '03-05-2023' }),
        row({ reference: '35', published_on: '2022-02-30' }),
        row({ reference: '36', due_date: '31/02/2023' }),
        row({ reference: '37', due_date: '05/03/23' }),
        row({ reference: '38', due_date: '12/31/2024' }),
        row({ reference: '39', due_date: '5 March 2023' }),
      ]),
    );
    expect(report.problems).toEqual([
      { row: 2, column: 'due_date', reason: `"03-05-2023" is not a date: ${forms}` },
      { row: 3, column: 'published_on', reason: `"2022-02-30" is not a date: ${forms}` },
      { row: 4, column: 'due_date', reason: `"31/02/2023" is not a date: ${forms}` },
      { row: 5, column: 'due_date', reason: `"05/03/23" is not a date: ${forms}` },
      { row: 6, column: 'due_date', reason: `"12/31/2024" is not a date: ${forms}` },
      { row: 7, column: 'due_date', reason: `"5 March 2023" is not a date: ${forms}` },
    ]);
  });

  it('refuses dates in the future and a status reached before the report was published', async () => {
    const report = await rejected(csv([row({ status_date: '2999-01-01' }), row({ reference: '35', status_date: '2020-01-01' })]));
    expect(report.problems).toEqual([
      { row: 2, column: 'status_date', reason: '2999-01-01 is in the future' },
      { row: 3, column: 'status_date', reason: '2020-01-01 is before the report was published (2022-11-02)' },
    ]);
  });

  it('refuses a reference twice in one file, naming the first row', async () => {
    const report = await rejected(csv([row(), row({ text: 'Another text' })]));
    expect(report.problems).toEqual([{ row: 3, column: 'reference', reason: 'reference 34 is already on row 2' }]);
  });

  it('refuses one inspection described two ways', async () => {
    const report = await rejected(csv([row(), row({ reference: '35', published_on: '2022-11-03' })]));
    expect(report.problems).toEqual([
      { row: 3, column: 'published_on', reason: 'differs from row 2 for inspection vmm-2022 ("2022-11-02")' },
    ]);
  });

  it('refuses a status the lifecycle would not allow, quoting its rules', async () => {
    const report = await rejected(
      csv([
        row({ status: 'awaiting_hmicfrs', level: '3' }),
        row({ reference: '35', status: 'submitted', owner: '' }),
        row({ reference: '38', status: 'rag_rated', rag: '' }),
      ]),
    );
    expect(report.problems).toEqual([
      {
        row: 2,
        column: 'status',
        reason: expect.stringContaining('a level 3 item cannot be awaiting_hmicfrs: the lifecycle takes it to self_certified'),
      },
      { row: 3, column: 'status', reason: expect.stringMatching(/cannot be brought to submitted: SUBMIT is refused \(.*owner/) },
      { row: 4, column: 'status', reason: expect.stringContaining('give its rag') },
    ]);
  });

  it('refuses a file that is neither CSV nor XLSX', async () => {
    const cases: [string, Buffer][] = [
      ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj')],
      ['binary data', Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe])],
      ['an old .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])],
      ['a zip that is not a workbook', Buffer.from('504b0304140000000800', 'hex')],
      ['text in another encoding', Buffer.from('reference,text\n1,caf\xe9\n', 'latin1')],
      ['nothing at all', Buffer.alloc(0)],
    ];
    for (const [, bytes] of cases) {
      await expect(fixture.importer.import({ name: 'tracker.csv', bytes })).rejects.toBeInstanceOf(NotARegisterFile);
    }
    expect(await fixture.position()).toBe(fixture.start);
  });

  it('refuses CSV it cannot parse, saying so', async () => {
    const attempt = fixture.importer.import({ name: 'tracker.csv', bytes: Buffer.from('reference,text\n"unclosed,quote\n') });
    await expect(attempt).rejects.toThrow(/not valid CSV/);
  });

  it('refuses a 50 MB file before reading it', async () => {
    const attempt = fixture.importer.import({ name: 'huge.csv', bytes: Buffer.alloc(50 * 1024 * 1024, 'a') });
    await expect(attempt).rejects.toBeInstanceOf(FileTooLarge);
    await expect(attempt).rejects.toThrow('The file is 50.0 MB; an import takes at most 20.0 MB');
    expect(await fixture.position()).toBe(fixture.start);
  });

  it('with skipInvalid, imports the good rows and reports the bad ones', async () => {
    const report = await fixture.importer.import(
      { name: 'tracker.csv', bytes: csv([row(), row({ reference: '35', level: 'five' }), row({ reference: '38' })]) },
      { skipInvalid: true },
    );
    expect(report).toMatchObject({ rows: 3, imported: 2, problems: [{ row: 3, column: 'level' }] });
    await expect(fixture.workflow.item('35', { userId: 'flo', role: 'liaison' })).rejects.toThrow('There is no item 35');
  });

  it('reports the problems of an XLSX file by the rows Excel shows', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Tracker');
    sheet.addRow(HEADER);
    sheet.addRow(HEADER.map((column) => row()[column]));
    sheet.addRow([]);
    sheet.addRow(HEADER.map((column) => row({ reference: '35', rag: 'purple' })[column]));
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const report = await rejected(bytes);
    expect(report.format).toBe('xlsx');
    expect(report.problems).toEqual([{ row: 4, column: 'rag', reason: 'unknown RAG rating "purple": must be one of red, amber, green' }]);
  });
});
