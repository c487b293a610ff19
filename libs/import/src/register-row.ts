import type { InspectionType, IsoDate, ItemKind, Level, Rag, Status } from '@hmicfrs/lifecycle';

/** One item of the register as the import understood it. */
export interface RegisterRow {
  row: number;
  inspection: { id: string; reportType: InspectionType; title: string; publishedOn: IsoDate };
  reference: string;
  kind: ItemKind;
  text: string;
  level: Level;
  addressee: string;
  portfolio: string;
  owner?: string;
  rag?: Rag;
  dueDate?: IsoDate;
  status: Status;
  statusDate?: IsoDate;
  progressNote?: string;
}

/** What is wrong with one cell (or a whole row, or the header), in the liaison officer's words. */
export interface RowProblem {
  row: number;
  /** The column as the file names it; null when the problem is the row as a whole. */
  column: string | null;
  reason: string;
}
