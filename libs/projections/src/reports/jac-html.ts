import type { JacReport } from './jac-report';
import { sealWords } from './report-seal';
import { KIND_LABELS, STATUS_LABELS, kindAndLevel, longDate, withChange } from './report-words';

/** The report as one self-contained HTML page, to print or attach to the committee's papers. */
export function jacHtml(report: JacReport): string {
  const { period, register, rag } = report;
  const title = `HMICFRS update as at ${longDate(period.asAt)}`;
  const body = [
    `<h1>${escape(title)}</h1>`,
    `<p>Changes are since the previous report, as at ${escape(longDate(period.previous))}. Drawn from the events on record at ${escape(period.knownAt)}.</p>`,
    `<h2>Submissions for closure since ${escape(longDate(period.since))}</h2>`,
    table(
      ['Type and level', 'Total number submitted'],
      report.submissions.rows.map((row) => [kindAndLevel(row.kind, row.level), withChange(row)]),
      ['Total', withChange(report.submissions.total)],
    ),
    `<h2>Signed off as complete since ${escape(longDate(period.previous))}: ${report.signedOff.total}</h2>`,
    report.signedOff.byReport.length === 0 ? '<p>None.</p>' : '',
    ...report.signedOff.byReport.map(
      ({ inspection, items }) =>
        `<h3>${escape(inspection.title)}: ${items.length} completed</h3>\n<ul>\n${items
          .map((item) => `  <li>${escape(item.reference)} (${escape(kindAndLevel(item.kind, item.level))}): ${escape(item.text)}</li>`)
          .join('\n')}\n</ul>`,
    ),
    '<h2>The register</h2>',
    `<p>${escape(withChange(register.total))} items on the register, ${register.inProgress} in progress; ${register.added} added since ${escape(longDate(period.previous))}.</p>`,
    table(
      ['Type', 'On the register', 'Added'],
      register.byKind.map((kind) => [KIND_LABELS[kind.kind].many, String(kind.items), String(kind.added)]),
    ),
    '<h2>RAG ratings of the items in progress</h2>',
    table(['Red', 'Amber', 'Green', 'Not yet rated', 'Total'], [[rag.red, rag.amber, rag.green, rag.unrated, rag.total].map(String)]),
    '<h2>By inspection report: received, and submitted for closure to date</h2>',
    table(
      ['Inspection report', 'Recommendations', 'Causes of concern', 'AFIs'],
      report.byReport.map(({ inspection, received, submitted }) => [
        inspection.title,
        `${received.recommendation} received, ${submitted.recommendation} submitted`,
        `${received.cause_of_concern} received, ${submitted.cause_of_concern} submitted`,
        `${received.area_for_improvement} received, ${submitted.area_for_improvement} submitted`,
      ]),
    ),
    `<h2>Overdue items: ${report.overdue.length}</h2>`,
    report.overdue.length === 0
      ? '<p>None.</p>'
      : table(
          ['Reference', 'Type and level', 'Owner', 'Due', 'Originally due', 'Days overdue', 'Status'],
          report.overdue.map((item) => [
            item.reference,
            kindAndLevel(item.kind, item.level),
            item.owner ?? 'unassigned',
            item.dueDate ?? '',
            item.originalDueDate ?? '',
            String(item.daysOverdue),
            STATUS_LABELS[item.status],
          ]),
        ),
    report.waitingForHmicfrs.length === 0
      ? ''
      : `<h2>Past their due date, waiting for HMICFRS to verify: ${report.waitingForHmicfrs.length}</h2>`,
    report.waitingForHmicfrs.length === 0
      ? ''
      : `<ul>\n${report.waitingForHmicfrs
          .map(
            (item) =>
              `  <li>${escape(item.reference)} (${escape(kindAndLevel(item.kind, item.level))}), due ${escape(longDate(item.dueDate!))}</li>`,
          )
          .join('\n')}\n</ul>`,
  ];
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>${escape(title)}</title>
<style>
  body { font-family: Arial, sans-serif; margin: 2em; color: #0b0c0c; }
  table { border-collapse: collapse; margin-bottom: 1.5em; }
  th, td { border: 1px solid #b1b4b6; padding: 0.3em 0.6em; text-align: left; }
  tfoot td { font-weight: bold; }
</style>
</head>
<body>
${body.filter((part) => part !== '').join('\n')}
<footer><p class="seal">${escape(sealWords(report.seal))}</p></footer>
</body>
</html>
`;
}

function table(header: string[], rows: string[][], footer?: string[]): string {
  const cells = (tag: 'th' | 'td', values: string[]) => values.map((value) => `<${tag}>${escape(value)}</${tag}>`).join('');
  return [
    '<table>',
    `<thead><tr>${cells('th', header)}</tr></thead>`,
    `<tbody>\n${rows.map((row) => `<tr>${cells('td', row)}</tr>`).join('\n')}\n</tbody>`,
    footer ? `<tfoot><tr>${cells('td', footer)}</tr></tfoot>` : '',
    '</table>',
  ]
    .filter((part) => part !== '')
    .join('\n');
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
