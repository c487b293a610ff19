import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { issueToken, tokenSecret } from '@hmicfrs/auth';
import { pdf } from '../evidence/support';
import { closeChecked, expectAccessible, expectText, launchChromium, reloadUntil, screenshot, signInAs } from './support/browser';
import { startPages, type RunningPages } from './support/running-pages';

jest.setTimeout(180_000);

const ACTION_PLAN = pdf('Action plan, all actions closed');
const CC_LETTER = pdf('Chief Constable letter of 20 June 2024');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * A level 3 recommendation from receipt to HMICFRS verification, in a real browser, as the people who
 * do each step: the liaison officer records it, the owner works it and submits it, the DCC approves it,
 * HMICFRS verifies it. Each person signs in to their home page ("Needs you") and goes from there. Every
 * page state the walk sees is checked with axe-core (`closeChecked` fails the test on one it missed),
 * and the main ones are screenshotted under test/artifacts/pages.
 */
describe('a level 3 item walked through the web pages', () => {
  let pages: RunningPages;
  let browser: Browser;
  const item = () => `${pages.url}/app/items/9159`;

  beforeAll(async () => {
    pages = await startPages({}, { people: ['supt-patel', 'ch-insp-jones'] });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await pages?.close();
  });

  async function fillDate(page: Page, legend: string, day: string, month: string, year: string) {
    const group = page.getByRole('group', { name: legend });
    await group.getByLabel('Day').fill(day);
    await group.getByLabel('Month').fill(month);
    await group.getByLabel('Year').fill(year);
  }

  it('the liaison officer records the inspection report and the item', async () => {
    const flo = await signInAs(browser, pages.url, 'Flo Fletcher', 'sign-in');
    await flo.getByRole('heading', { name: 'Needs you', level: 1 }).waitFor();
    await expectText(flo, 'Every item in progress has an owner and a due date.');
    await screenshot(flo, 'home-liaison-empty');
    await flo.getByRole('link', { name: 'Inspection reports' }).click();
    await expectAccessible(flo, 'inspection-reports-empty');
    await flo.getByRole('button', { name: 'Record an inspection report' }).click();
    await flo.getByLabel('Title').fill('PEEL 2023–25: an inspection of West Midlands Police');
    await flo.getByLabel('Short reference').fill('peel-2023-25');
    await flo.getByLabel('PEEL').check();
    await fillDate(flo, 'Published on', '29', '9', '2023');
    await screenshot(flo, 'inspection-report-new');
    await flo.getByRole('button', { name: 'Record the report' }).click();
    await expectText(flo, 'The inspection report is recorded');
    await screenshot(flo, 'inspection-report-recorded');

    await flo.getByRole('button', { name: 'Add an item' }).click();
    await expectAccessible(flo, 'item-new');
    await flo.getByRole('button', { name: 'Add the item' }).click();
    await expectText(flo, 'There is a problem');
    await screenshot(flo, 'item-new-errors');
    await flo.getByLabel('HMICFRS reference').fill('9159');
    await flo.getByLabel('Recommendation', { exact: true }).check();
    await flo
      .getByLabel('Text')
      .fill('By 31 March 2025, the force should make sure that it identifies repeat and vulnerable victims at first contact.');
    await flo.getByLabel('Level 3').check();
    await flo.getByLabel('Addressed to').fill('Chief Constables');
    await flo.getByLabel('Portfolio').fill('Public Protection');
    await flo.getByLabel('Owner (optional)').selectOption({ label: 'Supt Asha Patel' });
    await fillDate(flo, 'Due date (optional)', '31', '3', '2030');
    await flo.getByRole('button', { name: 'Add the item' }).click();
    await expectText(flo, 'The item is added to the register.');
    await screenshot(flo, 'item-opened');

    await flo.getByRole('link', { name: 'Register', exact: true }).click();
    await reloadUntil(flo, () => flo.getByRole('link', { name: '9159' }));
    await screenshot(flo, 'register');
    // One search box: words from the wording find the item, the words that matched marked.
    await flo.getByLabel('Search the register').fill('vulnerable victims');
    await flo.getByRole('button', { name: 'Apply filters' }).click();
    await expectText(flo, 'Showing 1 item matching “vulnerable victims”, best match first');
    expect(await flo.getByTestId('wording').locator('mark').allTextContents()).toEqual(['vulnerable', 'victims']);
    await screenshot(flo, 'register-search');
    await closeChecked(flo);
  });

  it('the owner rates it, attaches the evidence and the Chief Constable letter, and submits it', async () => {
    const owner = await signInAs(browser, pages.url, 'Supt Asha Patel');
    await owner.getByRole('heading', { name: 'Needs you', level: 1 }).waitFor();
    await screenshot(owner, 'home-owner');
    await owner.goto(item());
    await expectAccessible(owner, 'item-open');
    await owner.getByRole('button', { name: 'Rate RAG' }).click();
    await expectAccessible(owner, 'rate');
    await owner.getByRole('button', { name: 'Save the rating' }).click();
    await expectText(owner, 'Select a RAG rating');
    await screenshot(owner, 'rate-error-summary');
    await owner.getByLabel('Amber').check();
    await owner.getByRole('button', { name: 'Save the rating' }).click();
    await expectText(owner, 'Rate RAG: done.');
    await expectAccessible(owner, 'item-rated');

    await attach(owner, 'Action plan, all actions closed', 'action plan.pdf', ACTION_PLAN, false);
    await screenshot(owner, 'evidence-attached');
    await attach(owner, 'Chief Constable letter of 20 June 2024', 'cc letter.pdf', CC_LETTER, true);

    await owner.getByRole('button', { name: 'Submit for closure' }).click();
    await screenshot(owner, 'submit-confirm');
    await owner.getByRole('button', { name: 'Submit for closure' }).click();
    await expectText(owner, 'Submit for closure: done.');
    await screenshot(owner, 'item-submitted');
    expect(await owner.getByTestId('actions').textContent()).not.toContain('Approve');
    await closeChecked(owner);
  });

  it('an owner may not approve: the 403 page says why', async () => {
    const owner = await signInAs(browser, pages.url, 'Supt Asha Patel');
    await expectAccessible(owner, 'home-owner');
    const response = await owner.goto(`${item()}/approve`);
    expect(response?.status()).toBe(403);
    await expectText(owner, 'The owner role may not approve (recommendation)');
    await screenshot(owner, 'forbidden');
    await closeChecked(owner);
  });

  it('the DCC returns it with a reason; the owner resubmits', async () => {
    const dcc = await signInAs(browser, pages.url, 'DCC Matthew Green');
    // Home: the submission waits for them, with who sent it and since when.
    await reloadUntil(dcc, () => dcc.getByTestId('awaiting-approval').getByRole('link', { name: '9159' }));
    expect(await dcc.getByTestId('awaiting-approval').textContent()).toMatch(/9159[\s\S]*submitted by Supt Asha Patel[\s\S]*Waiting since/);
    await screenshot(dcc, 'home-dcc');
    await dcc.getByRole('link', { name: 'Open the approvals queue' }).click();
    const card = dcc.getByTestId('awaiting-approval').filter({ hasText: '9159' });
    await reloadUntil(dcc, () => card);
    expect(await card.textContent()).toMatch(/by Supt Asha Patel[\s\S]*Chief Constable letter/);
    await screenshot(dcc, 'approvals');
    await card.getByRole('link', { name: 'Return' }).click();
    await expectAccessible(dcc, 'return');
    await dcc.getByRole('button', { name: 'Return to the owner' }).click();
    await expectText(dcc, 'Enter a comment: what the owner needs to do before submitting again');
    await screenshot(dcc, 'return-error-summary');
    await dcc.getByLabel('Comment').fill('Add the victim survey results to the action plan');
    await dcc.getByRole('button', { name: 'Return to the owner' }).click();
    // Back in the queue: the decision confirmed, the item gone from it though the read model may lag.
    await dcc.waitForURL(/\/app\/approvals\?/);
    await expectText(dcc, 'Return to the owner: done for 9159.');
    expect(await dcc.getByTestId('awaiting-approval').filter({ hasText: '9159' }).count()).toBe(0);
    await expectText(dcc, 'Nothing else is waiting for you.');
    await screenshot(dcc, 'returned');
    await closeChecked(dcc);

    // The owner's home page leads with the returned submission and the DCC's reason.
    const owner = await signInAs(browser, pages.url, 'Supt Asha Patel');
    const returned = owner.getByTestId('returned').filter({ hasText: '9159' });
    await reloadUntil(owner, () => returned);
    expect(await returned.textContent()).toContain('Add the victim survey results to the action plan');
    await screenshot(owner, 'home-owner-returned');
    await returned.getByRole('link', { name: '9159' }).click();
    // The item page leads with it too, above the button that submits it again.
    expect(await owner.getByTestId('sent-back').textContent()).toMatch(
      /The DCC returned this submission: Add the victim survey results to the action plan[\s\S]*DCC Matthew Green/,
    );
    await screenshot(owner, 'item-returned');
    await owner.getByRole('button', { name: 'Submit for closure' }).click();
    await expectAccessible(owner, 'submit-again');
    await owner.getByRole('button', { name: 'Submit for closure' }).click();
    await expectText(owner, 'Submit for closure: done.');
    expect(await owner.getByTestId('sent-back').count()).toBe(0);
    await expectAccessible(owner, 'item-resubmitted');
    await closeChecked(owner);
  });

  it('the DCC approves it, seeing the evidence and who submitted it', async () => {
    const dcc = await signInAs(browser, pages.url, 'DCC Matthew Green');
    await expectAccessible(dcc, 'home-dcc');
    await dcc.getByRole('link', { name: 'Approvals', exact: true }).click();
    const card = dcc.getByTestId('awaiting-approval').filter({ hasText: '9159' });
    await reloadUntil(dcc, () => card);
    // The DCC opens both documents from the queue: the bytes are the ones the owner uploaded.
    for (const [name, bytes] of [
      ['action plan.pdf', ACTION_PLAN],
      ['cc letter.pdf', CC_LETTER],
    ] as const) {
      const [download] = await Promise.all([dcc.waitForEvent('download'), card.getByRole('link', { name: `Open ${name}` }).click()]);
      expect(download.suggestedFilename()).toBe(name);
      expect(Buffer.compare(readFileSync((await download.path())!), bytes)).toBe(0);
    }
    await card.getByRole('link', { name: 'Approve' }).click();
    expect(await dcc.getByTestId('evidence').textContent()).toContain('Chief Constable letter');
    expect(await dcc.getByTestId('evidence').textContent()).toContain('Open cc letter.pdf');
    await expectText(dcc, 'Submitted by Supt Asha Patel');
    // The approve page has what the DCC judges by: the rating, the owner's latest note, the evidence.
    await dcc.getByRole('heading', { name: 'Latest progress note' }).waitFor();
    expect(await dcc.getByTestId('latest-progress-note').textContent()).toBeTruthy();
    await dcc.getByLabel('Comment (optional)').fill('The action plan and the letter show every action closed');
    await screenshot(dcc, 'approve-confirm');
    // Rated Amber, not Green: the approval asks to be confirmed first.
    await dcc.getByRole('button', { name: 'Approve' }).click();
    await expectText(dcc, 'Confirm that you approve an item rated Amber, not Green');
    await expectAccessible(dcc, 'approve-not-green-error');
    await dcc.getByLabel('I have seen that this item is rated Amber, not Green, and I approve it all the same').check();
    await dcc.getByRole('button', { name: 'Approve' }).click();
    // Back in the queue, at the next submission waiting (its anchor), told what was done.
    await dcc.waitForURL(/\/app\/approvals\?done=approve&item=9159#next-waiting$/);
    await expectText(dcc, 'Approve: done for 9159.');
    await expectText(dcc, 'Nothing else is waiting for you.');
    await expectAccessible(dcc, 'approved-back-in-queue');
    await screenshot(dcc, 'approved');
    await dcc.getByTestId('decided').getByRole('link', { name: '9159' }).click();
    await expectText(dcc, 'self-certified and awaiting HMICFRS verification');
    await expectAccessible(dcc, 'item-approved');
    await closeChecked(dcc);
    // The approval as the API's history gives it to anyone who checks: it names exactly the bytes the DCC opened.
    const bearer = `Bearer ${issueToken(
      { userId: 'audit-khan', role: 'auditor' },
      tokenSecret(undefined, pages.dataDir, () => undefined),
    )}`;
    const response = await fetch(`${pages.url}/recommendations/9159/history`, { headers: { authorization: bearer } });
    expect(response.status).toBe(200);
    const { events } = (await response.json()) as { events: { type: string; data: { evidence?: { sha256?: string }[] } }[] };
    const approval = events.filter((entry) => entry.type === 'SelfCertified').at(-1)!;
    expect(approval.data.evidence?.map((evidence) => evidence.sha256).sort()).toEqual([sha256(ACTION_PLAN), sha256(CC_LETTER)].sort());
  });

  it('HMICFRS verifies it, and the timeline shows who did what, when and the states between', async () => {
    const hmi = await signInAs(browser, pages.url, 'Sam Cooper');
    // Home: the self-certified item waits for their verification; they open it from there.
    const waiting = hmi.getByTestId('awaiting-verification').getByRole('link', { name: '9159' });
    await reloadUntil(hmi, () => waiting);
    await screenshot(hmi, 'home-hmicfrs');
    await waiting.click();
    await expectAccessible(hmi, 'item-self-certified');
    await hmi.getByRole('button', { name: 'Verify' }).click();
    // The verification says at which inspection: none is recorded here, so HMICFRS names it.
    await hmi.getByLabel('Another inspection, named below').check();
    await hmi.getByLabel('If another inspection, its name').fill('PEEL 2025 fieldwork');
    await hmi.getByLabel('Comment (optional)').fill('Seen in use during fieldwork');
    await screenshot(hmi, 'verify-confirm');
    await hmi.getByRole('button', { name: 'Verify' }).click();
    await expectText(hmi, 'Verify: done.');
    await expectText(hmi, 'verified by HMICFRS and closed');
    await screenshot(hmi, 'item-verified');

    const rows = await hmi.getByTestId('timeline').locator('tbody tr').allTextContents();
    const events = rows.map((row) => row.replace(/\s+/g, ' ').trim()).reverse();
    expect(
      events.map(
        (row) =>
          /Opened|RAG rated|Evidence attached|Submitted for closure|Returned by the DCC|Approved: self-certified|Verified by HMICFRS/.exec(
            row,
          )?.[0],
      ),
    ).toEqual([
      'Opened',
      'RAG rated',
      'Evidence attached',
      'Evidence attached',
      'Submitted for closure',
      'Returned by the DCC',
      'Submitted for closure',
      'Approved: self-certified',
      'Verified by HMICFRS',
    ]);
    expect(events[0]).toContain('Flo Fletcher');
    expect(events[1]).toMatch(/Supt Asha Patel.*Open → RAG rated/);
    expect(events[5]).toMatch(/DCC Matthew Green.*Add the victim survey results to the action plan.*Submitted for closure → RAG rated/);
    expect(events[7]).toMatch(/DCC Matthew Green.*Deputy Chief Constable.*Submitted for closure → Self-certified/);
    expect(events[8]).toMatch(/Sam Cooper.*HMICFRS.*Self-certified → Verified by HMICFRS/);
    expect(await hmi.getByTestId('chain').textContent()).toContain('History unaltered');
    await closeChecked(hmi);
  });

  it('the committee report counts the submission and the sign-off, with charts and downloads', async () => {
    const flo = await signInAs(browser, pages.url, 'Flo Fletcher');
    await expectAccessible(flo, 'home-liaison');
    await flo.getByRole('link', { name: 'Committee report' }).click();
    await reloadUntil(flo, () => flo.getByTestId('signed-off').getByRole('link', { name: '9159' }));
    expect((await flo.getByTestId('submissions').textContent())?.replace(/\s+/g, ' ')).toContain('Recommendation, level 3 1 (+1)');
    expect(await flo.getByTestId('rag-chart').count()).toBe(1);
    expect(await flo.getByTestId('submissions-chart').locator('rect').count()).toBe(1);
    await screenshot(flo, 'committee-report');
    const csv = await flo.request.get(
      await flo
        .getByRole('link', { name: 'CSV' })
        .getAttribute('href')
        .then((href) => `${pages.url}${href}`),
    );
    expect(csv.headers()['content-disposition']).toMatch(/attachment; filename="jac-hmicfrs-update-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(await csv.text()).toContain('9159');
    const markdown = await flo.request.get(
      await flo
        .getByRole('link', { name: 'Markdown' })
        .getAttribute('href')
        .then((href) => `${pages.url}${href}`),
    );
    expect(await markdown.text()).toMatch(/^# /m);
    await closeChecked(flo);
  });

  it('the committee report printed to PDF is the paper alone: no navigation, no form, no download links', async () => {
    const flo = await signInAs(browser, pages.url, 'Flo Fletcher');
    await expectAccessible(flo, 'home-liaison');
    await flo.goto(`${pages.url}/app/committee-report`);
    await flo.emulateMedia({ media: 'print' });
    await expectAccessible(flo, 'committee-report-printed');
    for (const hidden of [flo.locator('.govuk-service-navigation'), flo.locator('form'), flo.locator('footer')]) {
      for (const element of await hidden.all()) expect(await element.isVisible()).toBe(false);
    }
    // innerText is what is rendered: under print media, what the PDF holds.
    const printed = (await flo.locator('body').innerText()).replace(/\s+/g, ' ');
    expect(printed).toContain('Recommendation, level 3 1 (+1)');
    for (const absent of ['Sign out', 'Show the report', 'As the record stood on', 'Download:', 'API documentation', '(/app/']) {
      expect(printed).not.toContain(absent);
    }
    const paper = await flo.pdf({ format: 'A4' });
    expect(paper.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Chromium writes a link annotation (/URI) for every link printed and an /AcroForm for any field; the
    // object dictionaries are plain text even where the page's content streams are compressed.
    const objects = paper.toString('latin1');
    expect(objects).not.toContain('/AcroForm');
    const addresses = [...objects.matchAll(/\/URI\s*\(([^)]*)\)/g)].map(([, address]) => new URL(address).pathname);
    // The figures still open the items behind them; nothing else is a link.
    expect(addresses).toContain('/app/items/9159');
    expect(addresses.filter((path) => /^\/(docs|app\/(approvals|imports|people|inspection-reports|committee-report))/.test(path))).toEqual(
      [],
    );
    await closeChecked(flo);
  });

  it('an auditor reads it and may change nothing', async () => {
    const auditor = await signInAs(browser, pages.url, 'Priya Khan');
    // Home: today's activity, the walk's own steps among it.
    await auditor.getByTestId('activity').waitFor();
    expect(await auditor.getByTestId('activity').textContent()).toContain('recommendation-9159');
    await screenshot(auditor, 'home-auditor');
    await auditor.goto(item());
    await expectText(auditor, 'Auditors can read every item and its full history, and change nothing.');
    await screenshot(auditor, 'item-auditor');
    // The history offers each uploaded document where it was attached, as the auditor reads down it.
    const [download] = await Promise.all([
      auditor.waitForEvent('download'),
      auditor.getByTestId('timeline').getByRole('link', { name: 'Open cc letter.pdf' }).click(),
    ]);
    expect(Buffer.compare(readFileSync((await download.path())!), CC_LETTER)).toBe(0);
    await auditor.getByRole('link', { name: 'Inspection reports' }).click();
    await screenshot(auditor, 'inspection-reports');
    await auditor.goto(`${pages.url}/app/register?status=hmicfrs_verified&sort=dueDate&order=desc`);
    expect(await auditor.getByTestId('register').textContent()).toContain('9159');
    await screenshot(auditor, 'register-filtered');
    // The view on the page, as a file: the same filter, every page of it.
    const [view] = await Promise.all([auditor.waitForEvent('download'), auditor.getByRole('link', { name: 'CSV', exact: true }).click()]);
    const lines = readFileSync((await view.path())!, 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(lines.map((line) => line.split(',')[0])).toEqual(['"Reference"', '"9159"']);
    // On a 390 px phone the register and the item's timeline scroll inside their own boxes, never the page.
    await auditor.setViewportSize({ width: 390, height: 844 });
    for (const [path, table, shot] of [
      ['/app/register?addressee=Chief%20Constables', 'register', 'register-addressee-390px'],
      ['/app/items/9159', 'timeline', 'item-timeline-390px'],
    ]) {
      await auditor.goto(`${pages.url}${path}`);
      await auditor.getByTestId(table).waitFor();
      // Expressions evaluated in the page, where the DOM is (the tests are compiled without its types).
      const width = await auditor.evaluate<number>('document.documentElement.scrollWidth');
      expect({ path, width, fits: width <= 390 }).toEqual({ path, width, fits: true });
      await screenshot(auditor, shot);
    }
    await closeChecked(auditor);
  });

  it("the liaison officer checks the force's tracker, then imports it; the item already walked is left as it is", async () => {
    const flo = await signInAs(browser, pages.url, 'Flo Fletcher');
    await expectAccessible(flo, 'home-liaison');
    const tracker = join(__dirname, '..', '..', 'docs', 'sample-register.csv');
    await flo.getByRole('link', { name: 'Import', exact: true }).click();
    await expectAccessible(flo, 'import');
    // Continue with no file chosen: the browser still sends the empty file input.
    await flo.getByLabel('Check the file only').check();
    await flo.getByRole('button', { name: 'Continue' }).click();
    await expectText(flo, 'No file was chosen');
    await screenshot(flo, 'import-no-file');
    // A tracker with a problem: red, row and column named, nothing written.
    const bad = readFileSync(tracker, 'utf8').replace(/,2019-07-17,/, ',07/17/2019,');
    await flo.getByLabel('Register file').setInputFiles({ name: 'tracker-us-dates.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await flo.getByRole('button', { name: 'Continue' }).click();
    await expectText(flo, 'The file has problems');
    await expectText(flo, '"07/17/2019" is not a date: write it as DD/MM/YYYY (31/12/2024) or YYYY-MM-DD (2024-12-31)');
    expect(await flo.locator('.govuk-panel').count()).toBe(0);
    await screenshot(flo, 'import-problems');
    // The good file: checked (green), then imported without choosing it again.
    await flo.getByLabel('Check the file only').check();
    await flo.getByLabel('Another register file (optional)').setInputFiles(tracker);
    await flo.getByRole('button', { name: 'Continue' }).click();
    await expectText(flo, 'new items would be added');
    expect(await flo.locator('.govuk-error-summary').count()).toBe(0);
    await expectText(flo, 'The file sample-register.csv is kept for 60 minutes');
    await screenshot(flo, 'import-checked');
    await flo.getByLabel('Import every row, or none').check();
    await flo.getByRole('button', { name: 'Continue' }).click();
    await expectText(flo, 'Register imported');
    await expectText(flo, 'Already on the register, left as they are');
    await screenshot(flo, 'import-done');
    await flo.getByTestId('imported-items').getByRole('link', { name: '10618' }).click();
    await flo.getByRole('heading', { name: /^10618/, level: 1 }).waitFor();
    await screenshot(flo, 'imported-item');
    // Home again: what the import brought in without an owner or a due date is the liaison officer's to give.
    await flo.getByRole('link', { name: 'Needs you' }).click();
    await reloadUntil(flo, () => flo.getByTestId('unassigned').getByRole('link'));
    await screenshot(flo, 'home-liaison-after-import');
    await closeChecked(flo);
  });

  it('the liaison officer checks a file of people, then adds them without choosing it again', async () => {
    const flo = await signInAs(browser, pages.url, 'Flo Fletcher');
    await expectAccessible(flo, 'home-liaison');
    await flo.getByRole('link', { name: 'People', exact: true }).click();
    await expectAccessible(flo, 'people');
    const file = (name: string, ...rows: string[]) => ({
      name,
      mimeType: 'text/csv',
      buffer: Buffer.from(['id,name,email,roles,portfolio', ...rows].join('\n')),
    });
    // A file with a problem: red, the row and column named, nobody added, nothing kept.
    await flo.getByLabel('Check the file only').check();
    await flo.getByLabel('CSV file of people').setInputFiles(file('people-bad.csv', 'not an id,Someone,,owner,'));
    await flo.getByRole('button', { name: 'Continue' }).click();
    await expectText(flo, 'Nobody was added: the file has 1 problem');
    expect(await flo.locator('.govuk-notification-banner--success').count()).toBe(0);
    await screenshot(flo, 'people-import-problems');
    // The good file: checked (green), then added without choosing it again.
    await flo.getByLabel('Check the file only').check();
    await flo
      .getByLabel('CSV file of people')
      .setInputFiles(file('new-people.csv', 'gwen.ellis,Insp Gwen Ellis,,owner,', 'hal.moss,DS Hal Moss,,owner,'));
    await flo.getByRole('button', { name: 'Continue' }).click();
    await expectText(flo, 'new-people.csv is ready to import: 2 people would be added');
    expect(await flo.locator('.govuk-error-summary').count()).toBe(0);
    await expectText(flo, 'The file new-people.csv is kept for 60 minutes');
    await screenshot(flo, 'people-import-checked');
    await flo.getByLabel('Add everyone in the file, or nobody').check();
    await flo.getByRole('button', { name: 'Continue' }).click();
    await expectText(flo, '2 people added from new-people.csv');
    await screenshot(flo, 'people-import-done');
    await closeChecked(flo);
  });

  /** The item page's upload form, as a person uses it: choose the file, give a title, tick the letter box. */
  async function attach(page: Page, title: string, fileName: string, bytes: Buffer, ccLetter: boolean) {
    await page.getByLabel('Upload documents').setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: bytes });
    await page.getByLabel('Title (optional)').fill(title);
    if (ccLetter) await page.getByTestId('upload-form').getByLabel('This is the letter signed by the Chief Constable').check();
    await page.getByRole('button', { name: 'Upload and attach' }).click();
    await expectText(page, 'The documents are uploaded and attached.');
    await expectAccessible(page, `evidence-attached: ${fileName}`);
  }
});
