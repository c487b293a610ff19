import { COLUMNS, COLUMN_NAMES, columnKey, type ColumnName } from './columns';
import {
  readDate,
  readIdentifier,
  readPersonId,
  readInspectionType,
  readKind,
  readLevel,
  readRag,
  readStatus,
  readText,
  type Read,
} from './cell-readers';
import { breathe } from './breathe';
import type { RegisterRow, RowProblem } from './register-row';
import type { RegisterTable, TableRow } from './register-table';

export interface ParsedRegister {
  rows: RegisterRow[];
  problems: RowProblem[];
  /** Data rows in the file, blank ones left out. */
  rowCount: number;
}

const READERS: Record<ColumnName, (cell: string) => Read<unknown>> = {
  inspection_id: readIdentifier,
  inspection_title: readText(500),
  inspection_type: readInspectionType,
  published_on: readDate,
  kind: readKind,
  reference: readIdentifier,
  text: readText(10_000),
  level: readLevel,
  addressee: readText(200),
  portfolio: readText(200),
  owner: readPersonId,
  rag: readRag,
  due_date: readDate,
  status: readStatus,
  status_date: readDate,
  progress_note: readText(10_000),
};

/**
 * Every problem of the file, not just the first: a liaison officer corrects a tracker in one go.
 * `today` (YYYY-MM-DD) bounds the dates: nothing can have happened after it.
 */
export async function parseRegister(table: RegisterTable, today: string): Promise<ParsedRegister> {
  const columns = headerColumns(table.header);
  const data = table.rows.filter((row) => row.values.some((value) => value.trim() !== ''));
  if (!columns.ok) return { rows: [], problems: columns.problems, rowCount: data.length };

  const rows: RegisterRow[] = [];
  const problems: RowProblem[] = [];
  const references = new Map<string, number>();
  const inspections = new Map<string, RegisterRow>();
  for (const tableRow of data) {
    await breathe();
    const read = readRow(tableRow, columns.at, table.header, today);
    if (!read.ok) {
      problems.push(...read.problems);
      continue;
    }
    const row = read.row;
    const clash = [...againstEarlierRows(row, references, inspections, columns.at, table.header)];
    if (clash.length > 0) problems.push(...clash);
    else rows.push(row);
  }
  return { rows, problems, rowCount: data.length };
}

function headerColumns(header: string[]): { ok: true; at: Map<ColumnName, number> } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const at = new Map<ColumnName, number>();
  if (header.every((cell) => cell.trim() === '')) {
    return { ok: false, problems: [{ row: 1, column: null, reason: `the first row must name the columns: ${COLUMN_NAMES.join(', ')}` }] };
  }
  header.forEach((cell, index) => {
    const key = columnKey(cell);
    if (key === '') return;
    if (!(COLUMN_NAMES as readonly string[]).includes(key)) {
      problems.push({ row: 1, column: cell, reason: `unknown column; the columns are ${COLUMN_NAMES.join(', ')}` });
    } else if (at.has(key as ColumnName)) {
      problems.push({ row: 1, column: cell, reason: 'this column appears twice' });
    } else {
      at.set(key as ColumnName, index);
    }
  });
  for (const column of COLUMNS) {
    if (column.required && !at.has(column.name)) problems.push({ row: 1, column: column.name, reason: 'required column is missing' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, at };
}

function readRow(
  { row, values }: TableRow,
  at: Map<ColumnName, number>,
  header: string[],
  today: string,
): { ok: true; row: RegisterRow } | { ok: false; problems: RowProblem[] } {
  if (values.length > header.length && values.slice(header.length).some((value) => value.trim() !== '')) {
    return {
      ok: false,
      problems: [{ row, column: null, reason: `has ${values.length} values but the header names ${header.length} columns` }],
    };
  }
  const problems: RowProblem[] = [];
  const cells: Partial<Record<ColumnName, unknown>> = {};
  for (const column of COLUMNS) {
    const index = at.get(column.name);
    const cell = index === undefined ? '' : (values[index] ?? '').trim();
    const name = index === undefined ? column.name : header[index];
    if (cell === '') {
      if (column.required) problems.push({ row, column: name, reason: 'is required' });
      continue;
    }
    const read = READERS[column.name](cell);
    if (read.ok) cells[column.name] = read.value;
    else problems.push({ row, column: name, reason: read.reason });
  }
  if (problems.length > 0) return { ok: false, problems };

  const parsed = cells as Record<ColumnName, never>;
  const register: RegisterRow = {
    row,
    inspection: {
      id: parsed.inspection_id,
      reportType: parsed.inspection_type,
      title: parsed.inspection_title,
      publishedOn: parsed.published_on,
    },
    reference: parsed.reference,
    kind: parsed.kind,
    text: parsed.text,
    level: parsed.level,
    addressee: parsed.addressee,
    portfolio: parsed.portfolio,
    status: parsed.status,
    ...optional('owner', cells.owner),
    ...optional('rag', cells.rag),
    ...optional('dueDate', cells.due_date),
    ...optional('statusDate', cells.status_date),
    ...optional('progressNote', cells.progress_note),
  };
  const column = (name: ColumnName) => header[at.get(name) ?? -1] ?? name;
  const dated = datesInOrder(register, today, column);
  return dated.length > 0 ? { ok: false, problems: dated } : { ok: true, row: register };
}

function optional<Key extends string>(key: Key, value: unknown): Partial<Record<Key, never>> {
  return value === undefined ? {} : ({ [key]: value } as Record<Key, never>);
}

/** History runs forwards and never ahead of today; ISO dates compare as strings. */
function datesInOrder(row: RegisterRow, today: string, column: (name: ColumnName) => string): RowProblem[] {
  const problems: RowProblem[] = [];
  const { publishedOn } = row.inspection;
  if (publishedOn > today) problems.push({ row: row.row, column: column('published_on'), reason: `${publishedOn} is in the future` });
  if (row.statusDate !== undefined) {
    if (row.statusDate > today)
      problems.push({ row: row.row, column: column('status_date'), reason: `${row.statusDate} is in the future` });
    if (row.statusDate < publishedOn) {
      problems.push({
        row: row.row,
        column: column('status_date'),
        reason: `${row.statusDate} is before the report was published (${publishedOn})`,
      });
    }
  }
  return problems;
}

/** A reference names one item; an inspection id one report, described the same way on every row. */
function* againstEarlierRows(
  row: RegisterRow,
  references: Map<string, number>,
  inspections: Map<string, RegisterRow>,
  at: Map<ColumnName, number>,
  header: string[],
): Generator<RowProblem> {
  const column = (name: ColumnName) => header[at.get(name) ?? -1] ?? name;
  const earlier = references.get(row.reference);
  if (earlier !== undefined) {
    yield { row: row.row, column: column('reference'), reason: `reference ${row.reference} is already on row ${earlier}` };
  } else {
    references.set(row.reference, row.row);
  }
  const first = inspections.get(row.inspection.id);
  if (first === undefined) {
    inspections.set(row.inspection.id, row);
    return;
  }
  const fields = [
    ['inspection_title', 'title'],
    ['inspection_type', 'reportType'],
    ['published_on', 'publishedOn'],
  ] as const;
  for (const [name, field] of fields) {
    if (first.inspection[field] !== row.inspection[field]) {
      yield {
        row: row.row,
        column: column(name),
        reason: `differs from row ${first.row} for inspection ${row.inspection.id} (${JSON.stringify(first.inspection[field])})`,
      };
    }
  }
}
