import type { PeopleImportReport } from './people-import-report';

/** At least one row of a people file is bad: nothing was written. `report` lists the first problems and counts them all. */
export class PeopleImportRejected extends Error {
  override readonly name = 'PeopleImportRejected';
  constructor(readonly report: PeopleImportReport) {
    const count = report.problemCount;
    super(`Nobody was added: ${count} problem${count === 1 ? '' : 's'} in ${report.fileName}. Correct the file and send it again.`);
  }
}

/** The file is not CSV text, or cannot be read as CSV: nothing was read into the directory. */
export class NotAPeopleFile extends Error {
  override readonly name = 'NotAPeopleFile';
  constructor(reason: string) {
    super(`This is not a file of people we can read: ${reason}. Save the list as CSV (UTF-8), with the template's columns.`);
  }
}
