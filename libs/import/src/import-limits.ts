/** What one import may hold, so that a file within the byte limit cannot take the server's memory or time. */
export interface ImportLimits {
  /** Item rows (the header and blank rows not counted). */
  maxRows: number;
  /** Characters in one cell: Excel's own limit, far above the longest field (10,000). */
  maxCellChars: number;
  /** Columns in the header or any row: the register has 16. */
  maxColumns: number;
  /** The workbook's parts inflated, in bytes: refused before any of it is read. */
  maxUnzippedBytes: number;
  /** How many times its compressed size one part of a workbook may inflate to. */
  maxZipRatio: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxRows: 20_000,
  maxCellChars: 32_767,
  maxColumns: 200,
  maxUnzippedBytes: 100 * 1024 * 1024,
  maxZipRatio: 200,
};

/** A report lists this many problems; the rest are counted. */
export const MAX_PROBLEMS_LISTED = 1000;

/** The limits as configured (IMPORT_MAX_ROWS, IMPORT_MAX_UNZIPPED_MB), the others at their defaults. */
export function importLimitsOf(config: { IMPORT_MAX_ROWS: number; IMPORT_MAX_UNZIPPED_MB: number }): ImportLimits {
  return { ...DEFAULT_IMPORT_LIMITS, maxRows: config.IMPORT_MAX_ROWS, maxUnzippedBytes: config.IMPORT_MAX_UNZIPPED_MB * 1024 * 1024 };
}
