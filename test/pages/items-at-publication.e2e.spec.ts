import request from 'supertest';
import { issueToken, tokenSecret } from '@hmicfrs/auth';
import { SOC_REPORT_FORM, signedIn, startPages, submitForm, type RunningPages } from './support/running-pages';

const item = (reference: string, extra: Record<string, string> = {}) => ({
  reference,
  kind: 'recommendation',
  text: `Recommendation ${reference}`,
  level: '3',
  addressee: 'Chief Constables',
  portfolio: 'Serious Organised Crime',
  ...extra,
});

/** Items as they arrive (issue 15): opened at publication or when received, spans of publication, a first due date, a report twice. */
describe('items are opened when they came, with due dates as HMICFRS gave them', () => {
  let pages: RunningPages;
  let flo: request.Agent;
  let api: (path: string) => request.Test;
  let apiPost: (path: string, body: object) => request.Test;

  beforeAll(async () => {
    pages = await startPages({ SEALER: 'false', REMINDERS_DAILY_AT: 'off' });
    flo = await signedIn(pages.url, 'flo-fletcher');
    expect((await submitForm(flo, '/app/inspection-reports/new', SOC_REPORT_FORM)).status).toBe(303);
    const bearer = `Bearer ${issueToken(
      { userId: 'flo-fletcher', role: 'liaison' },
      tokenSecret(undefined, pages.dataDir, () => undefined),
    )}`;
    api = (path) => request(pages.url).get(path).set('Authorization', bearer);
    apiPost = (path, body) => request(pages.url).post(path).set('Authorization', bearer).send(body);
  }, 60_000);
  afterAll(() => pages?.close());

  const opening = async (id: string) => (await api(`/recommendations/${id}/history`).expect(200)).body.events[0];

  it("an item added by hand is opened at its report's publication, or the day it was received", async () => {
    expect((await submitForm(flo, '/app/inspection-reports/soc-2023/items/new', item('A-1'))).status).toBe(303);
    expect(await opening('A-1')).toMatchObject({ occurredAt: '2023-03-03T12:00:00.000Z' });
    const received = item('A-2', { 'receivedOn-day': '20', 'receivedOn-month': '4', 'receivedOn-year': '2023' });
    expect((await submitForm(flo, '/app/inspection-reports/soc-2023/items/new', received)).status).toBe(303);
    expect(await opening('A-2')).toMatchObject({ occurredAt: '2023-04-20T12:00:00.000Z' });
    const future = item('A-3', { 'receivedOn-day': '1', 'receivedOn-month': '1', 'receivedOn-year': '2999' });
    const refused = await submitForm(flo, '/app/inspection-reports/soc-2023/items/new', future);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Enter the day it was received as a real date not after today');
  });

  it('the JSON API opens an item by the same rule: at publication, or on the receivedOn it is given', async () => {
    const body = (reference: string, extra: object = {}) => ({ ...item(reference), inspectionId: 'soc-2023', level: 3, ...extra });
    await apiPost('/recommendations', body('J-1')).expect(201);
    expect(await opening('J-1')).toMatchObject({ occurredAt: '2023-03-03T12:00:00.000Z', occurredOn: '2023-03-03' });
    await apiPost('/recommendations', body('J-2', { receivedOn: '2023-04-20' })).expect(201);
    expect(await opening('J-2')).toMatchObject({ occurredAt: '2023-04-20T12:00:00.000Z' });
    const future = await apiPost('/recommendations', body('J-3', { receivedOn: '2999-01-01' })).expect(422);
    expect(future.body.detail).toContain('receivedOn is 2999-01-01');
    // An occurredAt the caller gives is when it happened, as for any command.
    await apiPost('/recommendations', body('J-4', { occurredAt: '2023-05-05T09:30:00Z' })).expect(201);
    expect(await opening('J-4')).toMatchObject({ occurredAt: '2023-05-05T09:30:00.000Z' });
  });

  it('"within three months of publication" is worked out, and shown as such', async () => {
    expect((await submitForm(flo, '/app/inspection-reports/soc-2023/items/new', item('W-1', { dueWithinMonths: '3' }))).status).toBe(303);
    const page = (await flo.get('/app/items/W-1').expect(200)).text;
    expect(page).toContain('3 June 2023 (within 3 months of publication)');
    // The register shows it where it shows the due date, and its download says it beside the date.
    const register = (await flo.get('/app/register?q=W-1').expect(200)).text;
    expect(register).toMatch(/3 June 2023<br><span class="govuk-body-s">within 3 months of publication<\/span>/);
    const csv = (await flo.get('/app/register/export.csv?q=W-1').expect(200)).text;
    expect(csv).toContain('"Due date","Due as given",');
    expect(csv).toContain('"2023-06-03","within 3 months of publication",');
    const both = item('W-2', { dueWithinMonths: '3', 'dueDate-day': '1', 'dueDate-month': '1', 'dueDate-year': '2024' });
    const refused = await submitForm(flo, '/app/inspection-reports/soc-2023/items/new', both);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Give a due date or a number of months from publication, not both');
  });

  it('the first due date needs no reason; a later change does', async () => {
    const form = (await flo.get('/app/items/A-1/due-date').expect(200)).text;
    expect(form).not.toContain('name="reason"');
    const first = { 'dueDate-day': '31', 'dueDate-month': '12', 'dueDate-year': '2099' };
    expect((await submitForm(flo, '/app/items/A-1/due-date', first)).status).toBe(303);
    const later = { 'dueDate-day': '31', 'dueDate-month': '1', 'dueDate-year': '2100' };
    const refused = await submitForm(flo, '/app/items/A-1/due-date', later);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('<a href="#reason">Enter why the due date changes</a>');
    expect((await submitForm(flo, '/app/items/A-1/due-date', { ...later, reason: 'Waiting for the NPCC' })).status).toBe(303);
  });

  it('recording a report with the title and date of another warns first, then records it when confirmed', async () => {
    const again = { ...SOC_REPORT_FORM, id: 'soc-2023-again', title: 'Serious and Organised Crime.' };
    const warned = await submitForm(flo, '/app/inspection-reports/new', again);
    expect(warned.status).toBe(422);
    expect(warned.text).toContain('A report with this title and publication date is already recorded');
    expect(warned.text).toContain('href="/app/inspection-reports/soc-2023"');
    expect(warned.text).toContain('href="#confirmSameReport"');
    expect((await flo.get('/app/inspection-reports/soc-2023-again').expect(404)).status).toBe(404);
    expect((await submitForm(flo, '/app/inspection-reports/new', { ...again, confirmSameReport: 'yes' })).status).toBe(303);
    // Another title, or another day, is not the same report.
    const other = { ...SOC_REPORT_FORM, id: 'soc-2024', 'publishedOn-year': '2024' };
    expect((await submitForm(flo, '/app/inspection-reports/new', other)).status).toBe(303);
  });
});
