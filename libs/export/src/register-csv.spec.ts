import type { RegisterEntry } from '@hmicfrs/projections';
import { registerCsv } from './register-csv';

const entry = (overrides: Partial<RegisterEntry>): RegisterEntry => ({
  dueWithinMonths: null,
  id: '9159',
  reference: '9159',
  kind: 'cause_of_concern',
  inspection: { id: 'hate-crime-2018', title: 'Hate crime' },
  text: 'Within three months Chief Constables ensure that the Home Office cyber-enabled flag is used',
  level: 3,
  portfolio: 'Public Protection',
  addressee: 'Chief Constables',
  owner: 'ch-insp-jones',
  rag: 'green',
  status: 'submitted',
  closed: false,
  inProgress: true,
  dueDate: '2018-10-19',
  originalDueDate: '2018-10-19',
  overdue: false,
  openedAt: '2018-07-19T00:00:00.000Z',
  submittedAt: '2022-06-30T12:00:00.000Z',
  submittedBy: 'ch-insp-jones',
  closedAt: null,
  lastEventAt: '2022-06-30T12:00:00.000Z',
  revision: 4,
  ...overrides,
});

describe('the register as CSV', () => {
  it('quotes every field, doubling quotes, and keeps commas and line breaks inside them', () => {
    const csv = registerCsv([entry({ text: 'He said "stop", then\nleft' })]).toString('utf8');
    expect(csv.startsWith('\uFEFF"Reference","Kind"')).toBe(true);
    expect(csv).toContain('"He said ""stop"", then\nleft"');
  });

  it('never lets a cell become a spreadsheet formula', () => {
    const csv = registerCsv([entry({ text: '=HYPERLINK("http://evil.example","click")', portfolio: '+cmd', owner: '@owner' })]).toString(
      'utf8',
    );
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).toContain(`"'+cmd"`);
    expect(csv).toContain(`"'@owner"`);
  });
});
