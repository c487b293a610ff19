import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where the pages' screenshots go (git-ignored): look at them to check the pages look right. */
export const ARTIFACTS = join(__dirname, '..', '..', 'artifacts', 'pages');

/** Debian's chromium, headless, with nothing phoning home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

let shot = 0;

/** A full-page screenshot, numbered in the order the walk takes them. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  shot += 1;
  await page.screenshot({ path: join(ARTIFACTS, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
}

/** A fresh browser profile (its own cookies) signed in as one of the demo users, through the sign-in page. */
export async function signInAs(browser: Browser, url: string, name: string, shotName?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${url}/app/register`);
  await page.waitForURL(/\/app\/sign-in/);
  await page.getByLabel(name).check();
  if (shotName) await screenshot(page, shotName);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  return page;
}
