import type { ImportReport } from '@hmicfrs/import';
import { importReportText, problemLines } from './import-report-text';

describe('the import report as text', () => {
  const problems = [
    { row: 2, column: 'rag', reason: 'unknown RAG rating' },
    { row: 3, column: null, reason: 'too many values' },
  ];

  it('lists the problems it holds and says how many more were counted', () => {
    expect(problemLines(problems, 1502)).toEqual([
      '    row 2, column "rag": unknown RAG rating',
      '    row 3: too many values',
      '    and 1500 more',
    ]);
    expect(problemLines(problems)).toHaveLength(2);
  });

  it('counts every problem in the summary line', () => {
    const report = {
      importId: 'abc',
      fileName: 'tracker.csv',
      sha256: 'abc',
      format: 'csv',
      dryRun: true,
      rows: 1502,
      imported: 0,
      alreadyImported: 0,
      items: [],
      skipped: [],
      problems,
      problemCount: 1502,
      inspectionsRecorded: 0,
      eventsWritten: 0,
    } satisfies ImportReport;
    const text = importReportText(report);
    expect(text).toContain('  1502 problems:');
    expect(text.endsWith('    and 1500 more')).toBe(true);
  });
});
