/** A register file as a table of text: the header and each row with its number as the spreadsheet shows it. */
export interface RegisterTable {
  format: 'csv' | 'xlsx';
  header: string[];
  rows: TableRow[];
}

export interface TableRow {
  /** The row's number in the spreadsheet: the header is row 1, the first item row 2. */
  row: number;
  values: string[];
}
