import type { ItemLine, JacReport } from './jac-report';
import { sealWords } from './report-seal';
import { KIND_LABELS, STATUS_LABELS, kindAndLevel, longDate, withChange } from './report-words';

/** The report as the committee paper's Markdown: its sections and its `12 (+6)` numbers. */
export function jacMarkdown(report: JacReport): string {
  const { period } = report;
  const lines: string[] = [
    '# HMICFRS update: recommendations, causes of concern and areas for improvement',
    '',
    `As at ${longDate(period.asAt)}; changes are since the previous report, as at ${longDate(period.previous)}.`,
    `Drawn from the events on record at ${period.knownAt}.`,
    '',
    `## Submissions for closure since ${longDate(period.since)}`,
    '',
    ...table(
      ['Type and level', 'Total number submitted'],
      [
        ...report.submissions.rows.map((row) => [kindAndLevel(row.kind, row.level), withChange(row)]),
        ['**Total**', `**${withChange(report.submissions.total)}**`],
      ],
    ),
    '',
    `## Signed off as complete since ${longDate(period.previous)}: ${report.signedOff.total}`,
    '',
  ];
  if (report.signedOff.byReport.length === 0) lines.push('None.', '');
  for (const { inspection, items } of report.signedOff.byReport) {
    lines.push(`### ${cell(inspection.title)}: ${items.length} completed`, '', ...items.map((item) => `- ${itemWords(item)}`), '');
  }
  const { register } = report;
  lines.push(
    '## The register',
    '',
    `${withChange(register.total)} items on the register, ${register.inProgress} in progress; ${register.added} added since ${longDate(period.previous)}.`,
    '',
    ...table(
      ['Type', 'On the register', 'Added'],
      register.byKind.map((kind) => [KIND_LABELS[kind.kind].many, String(kind.items), String(kind.added)]),
    ),
    '',
    '## RAG ratings of the items in progress',
    '',
    ...table(
      ['Red', 'Amber', 'Green', 'Not yet rated', 'Total'],
      [[report.rag.red, report.rag.amber, report.rag.green, report.rag.unrated, report.rag.total].map(String)],
    ),
    '',
    '## By inspection report: received, and submitted for closure to date',
    '',
    ...table(
      ['Inspection report', 'Recommendations', 'Causes of concern', 'AFIs'],
      report.byReport.map(({ inspection, received, submitted }) => [
        cell(inspection.title),
        `${received.recommendation} received, ${submitted.recommendation} submitted`,
        `${received.cause_of_concern} received, ${submitted.cause_of_concern} submitted`,
        `${received.area_for_improvement} received, ${submitted.area_for_improvement} submitted`,
      ]),
    ),
    '',
    `## Overdue items: ${report.overdue.length}`,
    '',
  );
  if (report.overdue.length === 0) lines.push('None.');
  else {
    lines.push(
      ...table(
        ['Reference', 'Type and level', 'Owner', 'Due', 'Originally due', 'Days overdue', 'Status'],
        report.overdue.map((item) => [
          cell(item.reference),
          kindAndLevel(item.kind, item.level),
          cell(item.owner ?? 'unassigned'),
          item.dueDate ?? '',
          item.originalDueDate ?? '',
          String(item.daysOverdue),
          STATUS_LABELS[item.status],
        ]),
      ),
    );
  }
  if (report.waitingForHmicfrs.length > 0) {
    lines.push(
      '',
      `## Past their due date, waiting for HMICFRS to verify: ${report.waitingForHmicfrs.length}`,
      '',
      ...report.waitingForHmicfrs.map((item) => `- ${itemWords(item)}, due ${longDate(item.dueDate!)}`),
    );
  }
  lines.push('', '---', '', sealWords(report.seal));
  return `${lines.join('\n')}\n`;
}

function itemWords(item: ItemLine): string {
  return `${cell(item.reference)} (${kindAndLevel(item.kind, item.level)}): ${cell(item.text)}`;
}

function table(header: string[], rows: string[][]): string[] {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)];
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Words from the register on one line: HTML as entities, which every Markdown renderer shows as the
 * characters (a backslash before `<` is an escape in CommonMark, but not in Markdown.pl and its kin,
 * which pass the tag on as HTML), and the characters Markdown would read as table or markup escaped.
 */
function cell(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/[&<>]/g, (character) => HTML_ENTITIES[character])
    .replace(/([|\\`*_[\]])/g, '\\$1');
}
