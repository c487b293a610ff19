import { RecommendationWorkflow } from '@hmicfrs/workflow';
import { bytesOf, readDocx } from '../projections/support/docx-tables';
import { csrfOf, signedIn, startPages, submitForm, type RunningPages } from './support/running-pages';

const LIAISON = { actor: { userId: 'flo-fletcher', role: 'liaison' as const } };
const REPORT = '/app/committee-report?asAt=2024-08-31&previous=2024-06-27&since=2023-08-01';

/** "Issue the paper" on the committee report page, and the issued paper's page with what has changed since. */
describe('issuing the committee paper from its page', () => {
  let pages: RunningPages;
  let workflow: RecommendationWorkflow;
  beforeAll(async () => {
    pages = await startPages({ SEALER: 'false', REMINDERS_DAILY_AT: 'off' }, { people: ['supt-patel'] });
    workflow = pages.app.get(RecommendationWorkflow, { strict: false });
    await workflow.recordInspectionReport(
      { type: 'RECORD_INSPECTION_REPORT', id: 'peel-2023', reportType: 'peel', title: 'PEEL 2023/2025', publishedOn: '2023-09-29' },
      { ...LIAISON, occurredAt: '2023-09-29T10:00:00Z' },
    );
  });
  afterAll(() => pages.close());

  const open = (id: string, on: string) =>
    workflow.open(
      {
        type: 'OPEN_RECOMMENDATION',
        id,
        reference: id,
        kind: 'recommendation',
        inspectionId: 'peel-2023',
        text: `Recommendation ${id}`,
        level: 3,
        addressee: 'Chief Constables',
        portfolio: 'Public Protection',
        owner: 'supt-patel',
      },
      { ...LIAISON, occurredAt: `${on}T10:00:00Z` },
    );

  it('the liaison officer issues it once; its page shows the record it came from and, later, each figure since changed', async () => {
    await open('R-1', '2024-07-01');
    const flo = await signedIn(pages.url, 'flo-fletcher');
    const issued = await submitForm(flo, REPORT, {});
    expect(issued.status).toBe(303);
    expect(issued.headers.location).toBe('/app/committee-report/papers/jac-2024-08-31');

    const page = await flo.get('/app/committee-report/papers/jac-2024-08-31').expect(200);
    expect(page.text).toContain('Paper issued for the committee of 31 August 2024');
    expect(page.text).toContain('Flo Fletcher, HMICFRS Force Liaison Officer');
    expect(page.text).toMatch(/data-testid="comparison">No figure has changed since it was issued/);
    const document = await flo.get('/app/committee-report/papers/jac-2024-08-31/paper.docx').buffer(true).parse(bytesOf).expect(200);
    expect(readDocx(document.body as Buffer).paragraphs).toContain(
      'There are 1 (+1) recommendations, causes of concern and AFIs on the register, 1 in progress; 1 added since the last JAC.',
    );

    // Issuing again leads to the paper already issued; a correction recorded now shows on its page.
    expect((await submitForm(flo, REPORT, {})).headers.location).toBe('/app/committee-report/papers/jac-2024-08-31');
    await open('R-2', '2024-08-15');
    const later = await flo.get('/app/committee-report/papers/jac-2024-08-31').expect(200);
    expect(later.text).toMatch(
      /data-testid="comparison">7 figures have changed since it was issued: On the register 1 \(\+1\) → 2 \(\+2\);/,
    );
    expect(later.text).toContain('(about R-2).');
  });

  it('only the liaison officer is offered the form or may post it', async () => {
    const dcc = await signedIn(pages.url, 'dcc-green');
    const page = await dcc.get(REPORT).expect(200);
    expect(page.text).not.toContain('Issue the paper');
    await dcc
      .post('/app/committee-report/issue')
      .type('form')
      .send({ _csrf: csrfOf(page.text), asAt: '2024-09-30', previous: '2024-06-27', since: '2023-08-01' })
      .expect(403);
  });
});
