import { zipSync } from 'fflate';
import { Workbook } from 'exceljs';
import { ImportTooLarge } from './errors';
import { DEFAULT_IMPORT_LIMITS, importLimitsOf, type ImportLimits } from './import-limits';
import { readCsv } from './read-csv';
import { readXlsx } from './read-xlsx';
import { guardZip } from './zip-guard';
import { zipBomb } from '../../../test/support/zip-bomb';

const limits = (overrides: Partial<ImportLimits> = {}): ImportLimits => ({ ...DEFAULT_IMPORT_LIMITS, ...overrides });

/** The same bomb with its local header and central directory claiming the part inflates to `claimed` bytes. */
function lyingBomb(megabytes: number, claimed: number): Buffer {
  const bytes = Buffer.from(zipBomb(megabytes));
  for (let at = 0; at < bytes.length - 4; at += 1) {
    const signature = bytes.readUInt32LE(at);
    if (signature === 0x04034b50) bytes.writeUInt32LE(claimed, at + 22);
    if (signature === 0x02014b50) bytes.writeUInt32LE(claimed, at + 24);
  }
  return bytes;
}

async function refusal(promise: Promise<unknown>): Promise<ImportTooLarge> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ImportTooLarge);
  return error as ImportTooLarge;
}

describe('import limits', () => {
  it('take IMPORT_MAX_ROWS and IMPORT_MAX_UNZIPPED_MB from the configuration', () => {
    expect(importLimitsOf({ IMPORT_MAX_ROWS: 7, IMPORT_MAX_UNZIPPED_MB: 3 })).toMatchObject({
      maxRows: 7,
      maxUnzippedBytes: 3 * 1024 * 1024,
    });
    expect(DEFAULT_IMPORT_LIMITS).toMatchObject({ maxRows: 20_000, maxUnzippedBytes: 100 * 1024 * 1024 });
  });

  describe('CSV', () => {
    const lines = (count: number) => Buffer.from(['a,b', ...Array.from({ length: count }, (_, i) => `${i},x`)].join('\n'));

    it('reads a file of exactly the row limit, blank lines not counted', async () => {
      const table = await readCsv(Buffer.concat([lines(5), Buffer.from('\n\n\n')]), limits({ maxRows: 5 }));
      expect(table.rows.filter((row) => row.values.some(Boolean))).toHaveLength(5);
    });

    it('refuses a file over the row limit, naming it', async () => {
      const error = await refusal(readCsv(lines(6), limits({ maxRows: 5 })));
      expect(error).toMatchObject({ limit: 'rows', max: 5 });
      expect(error.message).toContain('more than 5 rows; an import takes at most 5 (IMPORT_MAX_ROWS)');
    });

    it('refuses a cell over the cell limit, naming where it is', async () => {
      const error = await refusal(readCsv(Buffer.from(`a,b\n1,${'y'.repeat(101)}\n`), limits({ maxCellChars: 100 })));
      expect(error).toMatchObject({ limit: 'cell', max: 100 });
      expect(error.message).toContain('Row 2, column 2 holds 101 characters; a cell may hold at most 100');
    });

    it('refuses a record longer than any row of cells could be before the parser builds it', async () => {
      const error = await refusal(readCsv(Buffer.from(`a,b\n"${'y'.repeat(5000)}"\n`), limits({ maxCellChars: 10, maxColumns: 10 })));
      expect(error.limit).toBe('cell');
    });

    it('refuses a row of more columns than the limit', async () => {
      const error = await refusal(
        readCsv(Buffer.from(`a,b\n${Array.from({ length: 12 }, () => 'v').join(',')}\n`), limits({ maxColumns: 10 })),
      );
      expect(error).toMatchObject({ limit: 'columns', max: 10 });
    });
  });

  describe('XLSX', () => {
    it('reads a workbook within the limits', async () => {
      const workbook = new Workbook();
      const sheet = workbook.addWorksheet('Tracker');
      sheet.addRow(['a', 'b']);
      for (let i = 0; i < 3; i += 1) sheet.addRow([String(i), 'x']);
      const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
      expect((await readXlsx(bytes, limits({ maxRows: 3 }))).rows).toHaveLength(3);
      expect((await refusal(readXlsx(bytes, limits({ maxRows: 2 })))).limit).toBe('rows');
    });

    it('refuses a zip bomb from its central directory, before anything inflates it, in little memory', async () => {
      const bomb = zipBomb(300);
      expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
      const before = process.memoryUsage().rss;
      await expect(guardZip(bomb, limits())).rejects.toThrow(ImportTooLarge);
      await expect(guardZip(bomb, limits())).rejects.toThrow(
        'The workbook inflates to 300.0 MB; an import takes at most 100.0 MB inflated',
      );
      expect(process.memoryUsage().rss - before).toBeLessThan(32 * 1024 * 1024);
    });

    it('refuses a part that inflates far beyond its compressed size', async () => {
      expect(await refusal(guardZip(zipBomb(50), limits()))).toMatchObject({ limit: 'zip-ratio', max: DEFAULT_IMPORT_LIMITS.maxZipRatio });
    });

    it('counts what a bomb really inflates to when its directory lies, chunk by chunk, in little memory', async () => {
      const bomb = lyingBomb(300, 1000);
      const before = process.memoryUsage().rss;
      const error = await refusal(guardZip(bomb, limits({ maxZipRatio: Number.MAX_SAFE_INTEGER })));
      expect(error).toMatchObject({ limit: 'unzipped' });
      expect(error.message).toContain('inflates to more than 100.0 MB, more than its directory declares');
      expect(process.memoryUsage().rss - before).toBeLessThan(32 * 1024 * 1024);
    });

    it('refuses the bomb through readXlsx as well, and passes an ordinary zip', async () => {
      expect((await refusal(readXlsx(zipBomb(300)))).limit).toBe('unzipped');
      await expect(guardZip(Buffer.from(zipSync({ 'a.txt': new Uint8Array(10) })), limits())).resolves.toBeUndefined();
    });
  });
});
