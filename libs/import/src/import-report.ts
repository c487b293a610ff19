import type { RowProblem } from './register-row';

/** What an import did, or would do (`dryRun`), row by row where a row needs a word. */
export interface ImportReport {
  /** The first 16 hex digits of the file's SHA-256: the same file is the same import. */
  importId: string;
  fileName: string;
  sha256: string;
  format: 'csv' | 'xlsx';
  dryRun: boolean;
  /** Item rows in the file (blank rows left out). */
  rows: number;
  /** Items this run brought to their status (or, in a dry run, would). */
  imported: number;
  /** Items this same file had already imported: nothing more was written for them. */
  alreadyImported: number;
  /**
   * The items (each's id is its reference) this run brought to their status or found already imported
   * from this file, in row order; in a dry run, those it would. The page links to them.
   */
  items: string[];
  /** Rows whose reference is already in the register from elsewhere: left as they are. */
  skipped: { row: number; reference: string; reason: string }[];
  /**
   * The bad rows, cell by cell, in row order: the first `MAX_PROBLEMS_LISTED` (1,000) of them. With
   * skipInvalid these rows were left out, otherwise nothing was written.
   */
  problems: RowProblem[];
  /** Every problem found, listed or not: `problemCount - problems.length` more are not listed. */
  problemCount: number;
  /** Inspection reports recorded by this run. */
  inspectionsRecorded: number;
  /** Events written by this run; 0 for a dry run, a rejected import, or a second run of the same file. */
  eventsWritten: number;
}
