/**
 * Debian's Chromium driven by playwright-core, for the end-to-end tests of the pages Darkroom
 * serves (GraphiQL, the console): every request the pages make is recorded, so a test can check
 * nothing left the stack, and every page error, console error and CSP refusal is collected.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
export const hasChromium = existsSync(CHROMIUM);

export function warnWithoutChromium(test: string): void {
  if (!hasChromium) {
    console.warn(
      `${test} skipped: no ${CHROMIUM}; install Debian's package: apt-get install chromium`,
    );
  }
}

export interface Watched {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every URL requested, in order. */
  requests: string[];
  /** Page errors and console errors (CSP refusals among them). */
  problems: string[];
}

export async function openBrowser(viewport = { width: 1400, height: 900 }): Promise<Watched> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking'],
  });
  const context = await browser.newContext({ viewport });
  const requests: string[] = [];
  const problems: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return { browser, context, page, requests, problems };
}

/** The URLs among `requests` that went anywhere but `origins` (data: and blob: are local). */
export const foreignRequests = (requests: string[], origins: string[]) =>
  requests.filter(
    (url) =>
      !url.startsWith('data:') &&
      !url.startsWith('blob:') &&
      !origins.some((origin) => url.startsWith(`${origin}/`)),
  );

/** axe-core's serious and critical findings on the page as it is now (rule: nodes). */
export async function seriousAccessibilityProblems(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}
