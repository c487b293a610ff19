import type { ImportReport } from './import-report';

/** The file is larger than an import takes; nothing was read. */
export class FileTooLarge extends Error {
  override readonly name = 'FileTooLarge';
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`The file is ${mebibytes(bytes)}; an import takes at most ${mebibytes(limit)}. Split the register into several files.`);
  }
}

/** The file is neither CSV nor an Excel workbook (.xlsx), or cannot be read as one. */
export class NotARegisterFile extends Error {
  override readonly name = 'NotARegisterFile';
  constructor(readonly reason: string) {
    super(`This is not a register we can read: ${reason}. Save the tracker as CSV (UTF-8) or as an Excel workbook (.xlsx).`);
  }
}

/** At least one row is bad and the import is all-or-nothing: nothing was written. `report` lists the first problems and counts them all. */
export class ImportRejected extends Error {
  override readonly name = 'ImportRejected';
  constructor(readonly report: ImportReport) {
    const count = report.problemCount;
    super(
      `Nothing was imported: ${count} problem${count === 1 ? '' : 's'} in ${report.fileName}. ` +
        'Correct the file, or import the good rows with --skip-invalid (skipInvalid=true over HTTP).',
    );
  }
}

function mebibytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Which limit of `ImportLimits` a file went over. */
export type ImportLimit = 'rows' | 'cell' | 'columns' | 'unzipped' | 'zip-ratio';

/** The file is within the byte limit but holds more than an import takes; it was refused whole and nothing was written. */
export class ImportTooLarge extends Error {
  override readonly name = 'ImportTooLarge';
  constructor(
    readonly limit: ImportLimit,
    readonly max: number,
    what: string,
  ) {
    super(`${what}. Nothing was imported: split the register into several files.`);
  }
}
