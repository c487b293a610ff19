import type { Browser, Page } from 'playwright-core';
import { EVENT_STORE, type EventStore } from '@hmicfrs/event-store';
import { recommendationStream } from '@hmicfrs/lifecycle';
import { expectText, launchChromium, signInAs } from './support/browser';
import { signedIn, startPages, submitForm, SOC_REPORT_FORM, type RunningPages } from './support/running-pages';

jest.setTimeout(120_000);

/**
 * "Add the note" double-clicked in a real browser records one note, shown once: with JavaScript,
 * govuk-frontend's button swallows the second click; without it, whatever the browser sends (once, or
 * twice when the second click comes before the first answer), the form's submission id makes one command.
 */
describe('a form double-clicked in Chromium', () => {
  let pages: RunningPages;
  let browser: Browser;
  const notes = async () =>
    (await pages.app.get<EventStore>(EVENT_STORE).readStream(recommendationStream('D-1'))).filter((event) => event.type === 'ProgressNoted')
      .length;

  beforeAll(async () => {
    pages = await startPages({}, { people: ['supt-patel'] });
    const flo = await signedIn(pages.url, 'flo-fletcher');
    expect((await submitForm(flo, '/app/inspection-reports/new', SOC_REPORT_FORM)).status).toBe(303);
    const item = {
      reference: 'D-1',
      kind: 'recommendation',
      text: 'Map the gangs',
      level: '3',
      addressee: 'Chief Constables',
      portfolio: 'Serious crime',
      owner: 'supt-patel',
    };
    expect((await submitForm(flo, `/app/inspection-reports/${SOC_REPORT_FORM.id}/items/new`, item)).status).toBe(303);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await pages?.close();
  });

  async function doubleClickNote(page: Page, text: string) {
    await page.goto(`${pages.url}/app/items/D-1/note`);
    await page.getByLabel('Progress').fill(text);
    await page.getByRole('button', { name: 'Add the note' }).dblclick();
    await page.waitForURL(/\/app\/items\/D-1\?done=note/);
    await expectText(page, text);
  }

  const timelineMentions = (page: Page, text: string) => page.getByTestId('timeline').getByText(text).count();

  it('with JavaScript', async () => {
    const owner = await signInAs(browser, pages.url, 'Supt Asha Patel');
    const before = await notes();
    await doubleClickNote(owner, 'Board met, with JavaScript');
    expect(await notes()).toBe(before + 1);
    expect(await timelineMentions(owner, 'Board met, with JavaScript')).toBe(1);
    await owner.context().close();
  });

  it('without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const owner = await context.newPage();
    await owner.goto(`${pages.url}/app`);
    await owner.getByLabel('Supt Asha Patel').check();
    await owner.getByRole('button', { name: 'Sign in', exact: true }).click();
    await owner.waitForURL((at) => !at.pathname.endsWith('/sign-in'));
    const before = await notes();
    await doubleClickNote(owner, 'Board met, without JavaScript');
    expect(await notes()).toBe(before + 1);
    expect(await timelineMentions(owner, 'Board met, without JavaScript')).toBe(1);
    await context.close();
  });
});
