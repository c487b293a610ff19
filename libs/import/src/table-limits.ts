import { ImportTooLarge } from './errors';
import type { ImportLimits } from './import-limits';

/** Counts item rows as they are read and checks each row's width and cells: the first over a limit refuses the file. */
export class TableLimits {
  private rows = 0;
  constructor(private readonly limits: Pick<ImportLimits, 'maxRows' | 'maxCellChars' | 'maxColumns'>) {}

  /** `row`: the spreadsheet's row number; the header (row 1) is checked but not counted. */
  check(row: number, values: readonly string[]): void {
    const { maxRows, maxCellChars, maxColumns } = this.limits;
    if (values.length > maxColumns && values.slice(maxColumns).some((value) => value !== '')) {
      throw new ImportTooLarge('columns', maxColumns, `Row ${row} has ${values.length} columns; an import takes at most ${maxColumns}`);
    }
    const long = values.findIndex((value) => value.length > maxCellChars);
    if (long >= 0) {
      throw new ImportTooLarge(
        'cell',
        maxCellChars,
        `Row ${row}, column ${long + 1} holds ${values[long].length} characters; a cell may hold at most ${maxCellChars}`,
      );
    }
    if (row === 1 || values.every((value) => value === '')) return;
    this.rows += 1;
    if (this.rows > maxRows) {
      throw new ImportTooLarge(
        'rows',
        maxRows,
        `The file has more than ${maxRows} rows; an import takes at most ${maxRows} (IMPORT_MAX_ROWS)`,
      );
    }
  }
}
