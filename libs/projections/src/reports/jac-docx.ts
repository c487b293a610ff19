import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { GRADES, type ItemKind } from '@hmicfrs/lifecycle';
import { fixedPackage } from './fixed-package';
import type { ActivityLine, JacReport, KindCounts, PublishedReport } from './jac-report';
import { sealWords } from './report-seal';
import { GRADE_LABELS, KIND_LABELS, STATUS_LABELS, kindAndLevel, longDate, withChange } from './report-words';

/** Who the committee asks about the paper: the papers end with the Force Liaison Officer's name and title. */
export interface ContactOfficer {
  name: string;
  title: string;
}

export interface PaperOptions {
  /** A person's name from their user id: the paper names owners, never ids. */
  nameOf(userId: string): string;
  contact?: ContactOfficer;
}

/**
 * The HMICFRS update as the Word document the committee is sent, in the papers' own structure and
 * words: purpose; recommendations, causes of concern and AFIs (received against submitted by the latest
 * PEEL, submissions since the change of process by type and level, signed off since the last JAC by
 * report, totals and added, RAG); the contact officer.
 *
 * The same report gives the same bytes, whenever and wherever it is drawn up: an issued paper's SHA-256
 * must match it again later. So the document's own dates are the record's (`knownAt`), the zip's entries
 * are written in name order with one fixed time, and nothing else varies.
 */
export async function jacDocx(report: JacReport, options: PaperOptions): Promise<Buffer> {
  const document = new Document({
    creator: options.contact?.name ?? 'HMICFRS Force Liaison Officer',
    lastModifiedBy: options.contact?.name ?? 'HMICFRS Force Liaison Officer',
    title: `Joint Audit Committee ${longDate(report.period.asAt)}: HMICFRS Update`,
    styles: { default: { document: { run: { font: 'Arial', size: 24 } } } },
    sections: [{ children: paper(report, options) }],
  });
  return fixedPackage(await Packer.toBuffer(document), report.period.knownAt);
}

/** The paper's parts, in the order the seeds' papers give them. */
function paper(report: JacReport, options: PaperOptions): (Paragraph | Table)[] {
  const { period } = report;
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: 'JOINT AUDIT COMMITTEE', bold: true })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: longDate(period.asAt), bold: true })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, text: 'HMICFRS Update' }),
    heading('1. Purpose of Report'),
    text('To provide members of the Committee with oversight of HMICFRS Inspection activity and recommendations.'),
    heading('2. Recommendations, Causes of Concern and Areas for Improvement'),
    text('HMICFRS apply a level to each recommendation, these levels are:'),
    text('Level 1 – Closed and archived by HMICFRS.'),
    text(
      'Level 2 – Forces are able to close records when they have completed the work, including uploading a letter signed by the Chief Constable.',
    ),
    text(
      'Level 3 – Forces self-certify that the recommendation is complete, including uploading a letter signed by the Chief Constable. HMICFRS follow-up/verification via the next relevant planned inspection.',
    ),
    text(
      'Level 4 – No force self-certification. HMICFRS follow-up work conducted via further bespoke fieldwork, with additional support/inspection when appropriate.',
    ),
    ...latestPeel(report),
    text(`Total submissions for closure since change of HMIC process (${monthYear(period.since)}) across all portfolios:`),
    table(
      [`Closed (since ${shortMonthYear(period.since)})`, 'Total Number submitted'],
      [
        ...report.submissions.rows.map((row) => [kindAndLevel(row.kind, row.level), withChange(row)]),
        ['Total', withChange(report.submissions.total)],
      ],
    ),
    heading(`Signed off since the last JAC (${longDate(period.previous)})`),
    text(
      report.signedOff.total === 0
        ? 'Nothing has been signed off as complete since the last JAC.'
        : `Since the last JAC, ${report.signedOff.total} ${report.signedOff.total === 1 ? 'has' : 'have'} been signed off as complete:`,
    ),
    ...(report.signedOff.byReport.length === 0
      ? []
      : [
          table(
            ['Report', 'Signed off as complete'],
            report.signedOff.byReport.map(({ inspection, items }) => [inspection.title, String(items.length)]),
          ),
        ]),
    heading('The register'),
    text(
      `There are ${withChange(report.register.total)} recommendations, causes of concern and AFIs on the register, ${report.register.inProgress} in progress; ${report.register.added} added since the last JAC.`,
    ),
    table(
      ['Type', 'On the register', 'Added since the last JAC'],
      report.register.byKind.map((kind) => [KIND_LABELS[kind.kind].many, String(kind.items), String(kind.added)]),
    ),
    heading('RAG ratings of the items in progress'),
    table(
      ['Red', 'Amber', 'Green', 'Not yet rated', 'Total'],
      [[report.rag.red, report.rag.amber, report.rag.green, report.rag.unrated, report.rag.total].map(String)],
    ),
    heading(`Overdue: ${report.overdue.length}`),
    report.overdue.length === 0
      ? text('Nothing is overdue.')
      : table(
          ['Reference', 'Type and level', 'Owner', 'Due', 'Days overdue', 'Status'],
          report.overdue.map((item) => [
            item.reference,
            kindAndLevel(item.kind, item.level),
            item.owner === null ? 'Not assigned' : options.nameOf(item.owner),
            longDate(item.dueDate!),
            String(item.daysOverdue),
            STATUS_LABELS[item.status],
          ]),
        ),
    ...(report.waitingForHmicfrs.length === 0
      ? []
      : [
          text(`Past their due date but waiting for HMICFRS to verify (the force has done its part): ${report.waitingForHmicfrs.length}`),
          table(
            ['Reference', 'Type and level', 'Due', 'Status'],
            report.waitingForHmicfrs.map((item) => [
              item.reference,
              kindAndLevel(item.kind, item.level),
              longDate(item.dueDate!),
              STATUS_LABELS[item.status],
            ]),
          ),
        ]),
    ...publishedReports(report),
    ...inspectionActivity(report),
    text(`Drawn from the record as it stood on ${longDate(period.knownAt)}.`),
    ...(options.contact === undefined
      ? []
      : [heading('CONTACT OFFICER'), text(`Name: ${options.contact.name}`), text(`Title: ${options.contact.title}`)]),
    // The committee's own copy holds the seal of the history it was drawn from (docs/architecture.md, "Sealed history").
    text(sealWords(report.seal)),
  ];
}

/** "In relation to the 4 x Causes of Concern, 23 x Recommendations and 17 x AFIs received during our PEEL … report". */
function latestPeel(report: JacReport): Paragraph[] {
  const peel = report.byReport.filter(({ inspection }) => inspection.reportType === 'peel').at(-1);
  if (peel === undefined) return [];
  const order: ItemKind[] = ['cause_of_concern', 'recommendation', 'area_for_improvement'];
  const paperWords: Record<ItemKind, string> = {
    cause_of_concern: 'Causes of Concern',
    recommendation: 'Recommendations',
    area_for_improvement: 'Areas for Improvement',
  };
  const received = order.filter((kind) => peel.received[kind] > 0).map((kind) => `${peel.received[kind]} x ${paperWords[kind]}`);
  return [
    text(
      `In relation to the ${joinWords(received)} received during our ${peel.inspection.title} report we have submitted the following for closure to date;`,
    ),
    ...order.filter((kind) => peel.received[kind] > 0).map((kind) => text(`${peel.submitted[kind]} x ${paperWords[kind]}`)),
  ];
}

/**
 * "3. National Published Reports and Recommendations": each report published since the last JAC, its
 * grades (a PEEL report's areas under the five grades, as the December 2021 paper tabled them; another
 * report's grades in a line each, as June 2024 gave the regional inspection's), and what it gave the
 * force and other bodies.
 */
function publishedReports(report: JacReport): (Paragraph | Table)[] {
  const numerals = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
  return [
    heading('3. National Published Reports and Recommendations'),
    ...(report.published.length === 0
      ? [text('No reports have been published since the last JAC.')]
      : report.published.flatMap((published, n) => [
          new Paragraph({
            spacing: { after: 120 },
            children: [
              new TextRun({
                text: `${numerals[n] ?? n + 1}. ${published.inspection.title} – Published ${longDate(published.inspection.publishedOn!)}`,
                bold: true,
              }),
            ],
          }),
          ...gradings(published),
          text(addressedWords(published)),
        ])),
  ];
}

/**
 * "4. Inspection Activity" and "Forthcoming HMICFRS Activity & Inspections", as June 2024 gave them:
 * "a) 29 April 2024 – 2 May 2024 – SOMS & OCSET re-visit. …", the causes of concern each re-visit
 * re-examined, and what the debrief said.
 */
function inspectionActivity(report: JacReport): Paragraph[] {
  const letter = (n: number) => String.fromCharCode(97 + (n % 26));
  const lines = (activity: ActivityLine[]) =>
    activity.flatMap((line, n) => [
      text(`${letter(n)}) ${fieldwork(line)} – ${line.title}.${line.purpose === null ? '' : ` ${line.purpose}`}`),
      ...line.revisits.map((item) => text(`Re-visiting ${item.reference}: ${item.text}`)),
      ...(line.debrief === null ? [] : [text(`Debrief: ${line.debrief}`)]),
    ]);
  const { since, forthcoming } = report.activity;
  return [
    heading('4. Inspection Activity'),
    ...(since.length === 0
      ? [text('The force has hosted no inspection activity since the last JAC.')]
      : [text('Since the last JAC, the force has hosted the following inspection activity in force;'), ...lines(since)]),
    heading('Forthcoming HMICFRS Activity & Inspections'),
    ...(forthcoming.length === 0 ? [text('There are no further Inspections currently in the calendar.')] : lines(forthcoming)),
  ];
}

/** "29 April 2024 – 2 May 2024"; one day alone when it began and ended on it. */
function fieldwork({ fieldworkFrom, fieldworkTo }: ActivityLine): string {
  return fieldworkFrom === fieldworkTo ? longDate(fieldworkFrom) : `${longDate(fieldworkFrom)} – ${longDate(fieldworkTo)}`;
}

function gradings({ inspection, gradings }: PublishedReport): (Paragraph | Table)[] {
  if (gradings.length === 0) return [];
  if (inspection.reportType !== 'peel') {
    return gradings.map(({ area, grade }) =>
      text(`${area}: Received ${/^[AEIOU]/.test(GRADE_LABELS[grade]) ? 'an' : 'a'} ${GRADE_LABELS[grade]} grading`),
    );
  }
  const columns = GRADES.map((grade) => gradings.filter((graded) => graded.grade === grade).map(({ area }) => area));
  const depth = Math.max(...columns.map((areas) => areas.length));
  return [
    text(`The ${inspection.title} report has awarded the below gradings across the ${numberWord(gradings.length)} business areas.`),
    table(
      GRADES.map((grade) => GRADE_LABELS[grade]),
      Array.from({ length: depth }, (_, row) => columns.map((areas) => areas[row] ?? '')),
    ),
  ];
}

/** "There were 3 x AFIs for the force, and 7 x AFIs and 1 x Causes of concern for other bodies." */
function addressedWords({ forForce, forOthers }: PublishedReport): string {
  const listed = (counts: KindCounts) =>
    joinWords(
      (['cause_of_concern', 'recommendation', 'area_for_improvement'] as const)
        .filter((kind) => counts[kind] > 0)
        .map((kind) => `${counts[kind]} x ${counts[kind] === 1 ? KIND_LABELS[kind].one : KIND_LABELS[kind].many}`),
    );
  const force = listed(forForce);
  const others = listed(forOthers);
  if (force === '' && others === '') return 'There were no recommendations for the force from this report.';
  if (others === '') return `There were ${force} for the force.`;
  if (force === '') return `There were no recommendations for the force from this report; ${others} for other bodies.`;
  return `There were ${force} for the force, and ${others} for other bodies.`;
}

function numberWord(n: number): string {
  const words = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen'];
  return words[n] ?? String(n);
}

function heading(words: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_2, text: words });
}

function text(words: string): Paragraph {
  return new Paragraph({ text: words, spacing: { after: 120 } });
}

function table(header: string[], rows: string[][]): Table {
  const row = (cells: string[], bold: boolean) =>
    new TableRow({
      tableHeader: bold,
      children: cells.map((cell) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: cell, bold })] })] })),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(header, true), ...rows.map((cells) => row(cells, false))],
  });
}

function joinWords(parts: string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** "August 2023", as the papers name the change of process. */
function monthYear(instant: string): string {
  return longDate(instant).replace(/^\d+ /, '');
}

/** "Aug 2023", the papers' column heading. */
function shortMonthYear(instant: string): string {
  const [month, year] = monthYear(instant).split(' ');
  return `${month.slice(0, 3)} ${year}`;
}
