import type { ImportReport, RowProblem } from '@hmicfrs/import';
import { oneLine } from './terminal-text';

/** The import's report as a liaison officer reads it: what happened, then every row that needs attention. */
export function importReportText(report: ImportReport): string {
  const lines = [
    `${report.dryRun ? 'Dry run of' : 'Imported'} ${oneLine(report.fileName)} (${report.format}, ${report.rows} rows, import ${report.importId})`,
    report.dryRun
      ? `  would bring ${report.imported} items to their status; ${report.alreadyImported} already imported from this file; nothing written`
      : `  ${report.imported} items brought to their status, ${report.alreadyImported} already imported from this file; ` +
        `${report.inspectionsRecorded} inspection reports recorded; ${report.eventsWritten} events written`,
  ];
  if (report.skipped.length > 0) {
    lines.push(`  ${report.skipped.length} rows skipped:`);
    for (const skip of report.skipped) lines.push(`    row ${skip.row} (${oneLine(skip.reference)}): ${oneLine(skip.reason)}`);
  }
  if (report.problems.length > 0) {
    lines.push(`  ${report.problemCount} problems${report.dryRun ? '' : ' (these rows were left out)'}:`);
    lines.push(...problemLines(report.problems, report.problemCount));
  }
  return lines.join('\n');
}

/** The listed problems, then `and N more` when the report counted more than it lists. */
export function problemLines(problems: RowProblem[], count = problems.length): string[] {
  const lines = problems.map(
    (problem) =>
      `    row ${problem.row}${problem.column === null ? '' : `, column ${oneLine(JSON.stringify(problem.column))}`}: ${oneLine(problem.reason)}`,
  );
  if (count > problems.length) lines.push(`    and ${count - problems.length} more`);
  return lines;
}
