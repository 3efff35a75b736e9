/**
 * GraphiQL in a real browser: Debian's Chromium, driven by playwright-core, opens GET /graphql on
 * the embedded default, runs operations through the page's UI and reads the results it shows.
 * Every request the page makes must stay on the API's own origin (the page works offline), and
 * the Content-Security-Policy must not have blocked anything. A screenshot is left in
 * test-artifacts/graphiql.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateUploadDocument } from '../../src/client/operations.js';
import {
  foreignRequests,
  hasChromium,
  openBrowser,
  screenshot,
  warnWithoutChromium,
  type Watched,
} from '../helpers/browser.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

warnWithoutChromium('test/e2e/graphiql.test.ts');

describe.skipIf(!hasChromium)('GraphiQL in Chromium (Debian package "chromium")', () => {
  let stack: TestStack;
  let browser: Watched;
  let page: Page;

  beforeAll(async () => {
    stack = await startTestStack();
    // One ticket as alice before the page opens: the page's default header acts as alice.
    await stack.gql(
      CreateUploadDocument,
      { input: { filename: 'a.jpg', contentType: 'image/jpeg' } },
      'alice',
    );
    browser = await openBrowser();
    page = browser.page;
  }, 120_000);

  afterAll(async () => {
    await browser?.browser.close();
    await stack?.dispose();
  });

  /** The text of GraphiQL's response pane. */
  const response = () => page.locator('.graphiql-response').innerText();

  const run = async () => {
    await page.locator('.graphiql-execute-button').click();
  };

  /**
   * GraphiQL takes the operation to run from the editor 100 ms (debounced) after its text
   * changes, and stores it when it does: a person never clicks that fast, a test must wait.
   */
  const operationReady = (name: string) =>
    expect.poll(() => page.evaluate("localStorage.getItem('graphiql:operationName')")).toBe(name);

  it('opens with the example operations as tabs and the dev auth header', async () => {
    const opened = await page.goto(stack.graphqlUrl);
    expect(opened?.status()).toBe(200);
    const tabs = page.locator('.graphiql-tab');
    await expect
      .poll(() => tabs.allInnerTexts(), { timeout: 30_000 })
      .toEqual(['Metrics', 'CreateUpload', 'Images', 'Image', 'ImageStatus']);
    await expect
      .poll(() => page.locator('.graphiql-editor-tool').innerText())
      .toContain('Bearer dev:alice');
  }, 60_000);

  it('loads the schema (introspection passes the request limits): the docs list the root types', async () => {
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await expect.poll(() => docs.innerText(), { timeout: 15_000 }).toMatch(/query:\s*Query/);
    expect(await docs.innerText()).toMatch(/mutation:\s*Mutation/);
    await page.getByRole('button', { name: 'Hide Documentation Explorer' }).click();
  }, 30_000);

  it('runs the chosen example through the UI: CreateUpload as alice', async () => {
    await page.locator('.graphiql-tab', { hasText: 'CreateUpload' }).click();
    await operationReady('CreateUpload');
    await run();
    await expect.poll(response, { timeout: 15_000 }).toMatch(/"imageId": "[0-9a-f-]{36}"/);
    expect(await response()).toContain(`"url": "http://127.0.0.1:`);
  }, 30_000);

  it('runs a typed query and shows alice’s two tickets', async () => {
    await page.locator('.graphiql-tab', { hasText: 'Metrics' }).click();
    await page.locator('.graphiql-query-editor .CodeMirror').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('{ metrics { total } }');
    // The tab is named after the operation: once it reads <untitled>, GraphiQL has the new text.
    await expect.poll(() => page.locator('.graphiql-tab-active').innerText()).toBe('<untitled>');
    await run();
    await expect.poll(response, { timeout: 15_000 }).toMatch(/"metrics": \{\s*"total": 2\s*\}/);

    await screenshot(page, 'graphiql');
  }, 30_000);

  it('made no request beyond the API, and nothing was blocked or failed', () => {
    expect(browser.requests.length).toBeGreaterThan(1);
    expect(foreignRequests(browser.requests, [new URL(stack.graphqlUrl).origin])).toEqual([]);
    expect(browser.problems).toEqual([]);
  });
});
