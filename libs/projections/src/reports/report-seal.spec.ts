import { jacCsv } from './jac-csv';
import { jacHtml } from './jac-html';
import { jacMarkdown } from './jac-markdown';
import { jacPeriod } from './jac-period';
import { compileJacReport, type JacReport } from './jac-report';
import type { ReportSeal } from './report-seal';

const SEAL: ReportSeal = {
  sequence: 12,
  position: '11873',
  count: 11861,
  root: '3f'.repeat(32),
  keyFingerprint: 'ab12cd34ef56ab78'.padEnd(64, '0'),
  signature: 'S1gnatureBase64+/'.padEnd(88, 'A'),
  sealedAt: '2024-06-26T17:00:00.000Z',
};
const SENTENCE =
  `Sealed by checkpoint #12 (2024-06-26T17:00:00.000Z): 11861 events to position 11873, root ${'3f'.repeat(32)}, ` +
  'key ab12cd34ef56ab78, signature S1gnatureBase64+';

function report(seal: ReportSeal | null): JacReport {
  const period = jacPeriod({ asAt: '2024-06-27', previous: '2024-03-21', since: '2023-08-01' }, new Date('2024-06-28T09:00:00Z'));
  return compileJacReport(period, {
    now: [],
    before: [],
    inspection: (id) => ({ id, reportType: 'other' as const, title: id, publishedOn: null }),
    describe: (id) => ({ reference: id, text: '' }),
    seal,
  });
}

/** Every format of the committee's paper ends with the latest checkpoint, so the minutes hold a seal (issue 11). */
describe('the JAC report ends with the latest checkpoint', () => {
  it('Markdown: its last line names the checkpoint, position, count, full root, key fingerprint and short signature', () => {
    const lines = jacMarkdown(report(SEAL)).trimEnd().split('\n');
    expect(lines.at(-1)).toBe(`${SENTENCE}.`);
    expect(lines.at(-3)).toBe('---');
  });

  it('HTML: a footer after everything else, escaped', () => {
    const html = jacHtml(report(SEAL));
    expect(html).toMatch(
      new RegExp(`<footer><p class="seal">${SENTENCE.replace(/[+(]/g, '\\$&').replace(/\)/g, '\\)')}\\.</p></footer>\\n</body>`),
    );
  });

  it('CSV: a last row of section "seal", its event count as the count', () => {
    const rows = jacCsv(report(SEAL)).trimEnd().split('\r\n');
    expect(rows.at(-1)).toBe(`seal,,"${SENTENCE}.",,,11861,,,,,`);
  });

  it('says plainly when nothing is sealed yet', () => {
    const words = 'Not yet sealed: no signed checkpoint of the history had been written when this report was made.';
    expect(jacMarkdown(report(null)).trimEnd().split('\n').at(-1)).toBe(words);
    expect(jacHtml(report(null))).toContain(`<footer><p class="seal">${words}</p></footer>`);
    expect(jacCsv(report(null)).trimEnd().split('\r\n').at(-1)).toBe(`seal,,${words},,,0,,,,,`);
  });
});
