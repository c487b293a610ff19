import type { JacReport } from './jac-report';
import { KINDS } from './jac-report';
import { sealWords } from './report-seal';

const HEADER = [
  'section',
  'inspection_report',
  'reference',
  'kind',
  'level',
  'count',
  'change',
  'status',
  'owner',
  'due_date',
  'days_overdue',
];

/**
 * The report as one CSV table, one row per number or item, each row saying which section it belongs
 * to: a spreadsheet can filter and pivot it without knowing the paper's layout.
 */
export function jacCsv(report: JacReport): string {
  const rows: (string | number | null)[][] = [];
  const add = (values: Partial<Record<(typeof HEADER)[number], string | number | null>>) =>
    rows.push(HEADER.map((column) => values[column] ?? null));

  for (const row of report.submissions.rows)
    add({ section: 'submissions', kind: row.kind, level: row.level, count: row.count, change: row.change });
  add({ section: 'submissions_total', count: report.submissions.total.count, change: report.submissions.total.change });
  for (const { inspection, items } of report.signedOff.byReport) {
    for (const item of items) {
      add({
        section: 'signed_off',
        inspection_report: inspection.title,
        reference: item.reference,
        kind: item.kind,
        level: item.level,
        status: item.status,
        owner: item.owner,
      });
    }
  }
  add({ section: 'register_total', count: report.register.total.count, change: report.register.total.change });
  add({ section: 'register_in_progress', count: report.register.inProgress });
  for (const kind of report.register.byKind) add({ section: 'register', kind: kind.kind, count: kind.items, change: kind.added });
  for (const rag of ['red', 'amber', 'green', 'unrated'] as const) add({ section: `rag_${rag}`, count: report.rag[rag] });
  for (const { inspection, received, submitted } of report.byReport) {
    for (const kind of KINDS) {
      add({ section: 'received', inspection_report: inspection.title, kind, count: received[kind] });
      add({ section: 'submitted_to_date', inspection_report: inspection.title, kind, count: submitted[kind] });
    }
  }
  for (const item of report.overdue) {
    add({
      section: 'overdue',
      reference: item.reference,
      kind: item.kind,
      level: item.level,
      status: item.status,
      owner: item.owner,
      due_date: item.dueDate,
      days_overdue: item.daysOverdue,
    });
  }
  // Last, as on the paper: the checkpoint in words (position, root, key, signature), its event count as the count.
  add({ section: 'seal', reference: sealWords(report.seal), count: report.seal?.count ?? 0 });
  return [HEADER, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/** RFC 4180, and a leading = + - @ quoted away so a spreadsheet never runs a cell as a formula. */
function field(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
