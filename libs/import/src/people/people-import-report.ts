import type { RowProblem } from '../register-row';

/** What a people import did, or would do (`dryRun`). */
export interface PeopleImportReport {
  /** The first 16 hex digits of the file's SHA-256: the same file is the same import. */
  importId: string;
  fileName: string;
  sha256: string;
  dryRun: boolean;
  /** People rows in the file (blank rows left out). */
  rows: number;
  /** The ids of the people this run added (or, in a dry run, would), in row order. */
  added: string[];
  /** The ids of rows whose person is already in the directory with the same details: left as they are. */
  alreadyInDirectory: string[];
  /** The bad cells in row order, the first `MAX_PROBLEMS_LISTED` (1,000) of them; any problem means nothing was written. */
  problems: RowProblem[];
  /** Every problem found, listed or not. */
  problemCount: number;
  /** PersonAdded events this run wrote: 0 for a dry run, a rejected file, or the same file again. */
  eventsWritten: number;
}
