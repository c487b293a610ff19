import type { PeopleImportReport } from './people-import-report';

/** At least one row of a people file is bad: nothing was written. `report` lists the first problems and counts them all. */
export class PeopleImportRejected extends Error {
  override readonly name = 'PeopleImportRejected';
  constructor(readonly report: PeopleImportReport) {
    const count = report.problemCount;
    super(`Nobody was added: ${count} problem${count === 1 ? '' : 's'} in ${report.fileName}. Correct the file and send it again.`);
  }
}
