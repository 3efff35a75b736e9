/**
 * The web console in a real browser (Debian's Chromium, playwright-core) on the embedded default
 * with the local analyser: a person signs in, uploads through the file input, watches the
 * uploads finish, inspects a photograph with a face, reprocesses and deletes, reads the metrics;
 * another person sees none of it. Every page passes axe-core without serious or critical
 * findings, nothing is fetched from any origin but the stack's own, and the Content-Security-
 * Policy refuses nothing the console does. Screenshots of each page go to test-artifacts/.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GalleryDocument } from '../../src/client/console-operations.js';
import { ImageDetailsDocument, MetricsDocument } from '../../src/client/operations.js';
import { PHOTOS_DIR } from '../analysis/photos.js';
import {
  foreignRequests,
  hasChromium,
  openBrowser,
  screenshot,
  seriousAccessibilityProblems,
  warnWithoutChromium,
  type Watched,
} from '../helpers/browser.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

warnWithoutChromium('test/e2e/console.test.ts');
const FACE = join(PHOTOS_DIR, 'astronaut.png');
const PLAIN = join(PHOTOS_DIR, 'coffee.png');
const havePhotos = existsSync(FACE) && existsSync(PLAIN);
if (!havePhotos) console.warn(`test/e2e/console.test.ts skipped: ${FACE} missing`);

describe.skipIf(!hasChromium || !havePhotos)('the web console in Chromium', () => {
  let stack: TestStack;
  let browser: Watched;
  let page: Page;
  let files: string;
  const a11y: Record<string, string[]> = {};

  beforeAll(async () => {
    stack = await startTestStack({ ANALYZER: 'local' });
    files = await mkdtemp(join(tmpdir(), 'darkroom-console-'));
    // A text file named like a picture: the browser declares image/png, the processor finds out.
    await writeFile(join(files, 'notes.png'), 'These are my notes, not a picture.\n'.repeat(20));
    browser = await openBrowser();
    page = browser.page;
  }, 120_000);

  afterAll(async () => {
    await browser?.browser.close();
    await stack?.dispose();
    if (files) await rm(files, { recursive: true, force: true });
  });

  /** Checks the page with axe-core and keeps a screenshot, once per page. */
  const visit = async (name: string) => {
    await page.waitForLoadState('networkidle');
    a11y[name] = await seriousAccessibilityProblems(page);
    await screenshot(page, `console-${name}`);
  };

  const signIn = async (user: string, admin = false) => {
    await page.goto(stack.consoleUrl);
    await page.getByLabel('User name').fill(user);
    if (admin) await page.getByLabel(/Member of the admin group/).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('header').innerText()).toContain(user);
  };

  const signOut = async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('User name').waitFor();
  };

  const gotoPage = (name: string) => page.getByRole('link', { name, exact: true }).click();

  const images = async (user: string) => {
    const { data } = await stack.gql(GalleryDocument, { first: 100 }, user);
    return data!.images.edges.map((edge) => edge.node);
  };

  it('opens at / with a sign-in page served under a strict policy', async () => {
    const opened = await page.goto(stack.consoleUrl);
    expect(opened?.status()).toBe(200);
    const csp = opened!.headers()['content-security-policy']!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    await page.getByLabel('User name').waitFor();
    await visit('sign-in');
    await signIn('alice');
  }, 60_000);

  it('uploads two photographs and a non-image through the file input; each ends terminal', async () => {
    await gotoPage('Upload');
    await page.getByLabel('Choose images').setInputFiles([FACE, PLAIN, join(files, 'notes.png')]);
    const uploads = page.getByRole('list', { name: 'Uploads' }).getByRole('listitem');
    await expect.poll(() => uploads.count()).toBe(3);
    const row = (name: string) => uploads.filter({ hasText: name });
    // The local analyser loads its models on the first image: allow it a while.
    for (const name of ['astronaut.png', 'coffee.png']) {
      await expect
        .poll(() => row(name).innerText(), { timeout: 90_000, interval: 500 })
        .toContain('Processed');
    }
    await expect.poll(() => row('notes.png').innerText(), { timeout: 30_000 }).toContain('Failed');
    const failed = (await images('alice')).find((image) => image.filename === 'notes.png')!;
    expect(failed.status).toBe('FAILED');
    // The reason the API gives is the one the page shows.
    expect(await row('notes.png').innerText()).toContain(failed.error!);
    await visit('upload');
  }, 150_000);

  it('shows the gallery newest first, with status badges and the failure reason', async () => {
    await gotoPage('Images');
    const tiles = page.getByRole('list', { name: 'Images' }).getByRole('listitem');
    await expect.poll(() => tiles.count()).toBe(3);
    // In the API's order (newest first): each tile names its file.
    const texts = await tiles.allInnerTexts();
    const names = (await images('alice')).map((image) => image.filename);
    expect(texts.map((text, i) => text.includes(names[i]!))).toEqual([true, true, true]);
    await expect.poll(() => tiles.filter({ hasText: 'notes.png' }).innerText()).toContain('Failed');
    // Thumbnails load through delivery URLs (the two photographs).
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            Array.from(document.querySelectorAll('ul[aria-label="Images"] img')).filter(
              (img) =>
                (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
            ).length,
        ),
      )
      .toBeGreaterThanOrEqual(2);
    await visit('gallery');
  }, 60_000);

  it('opens the photograph with a face and draws one box per face', async () => {
    await page
      .getByRole('link', { name: /astronaut\.png/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: 'astronaut.png' }).waitFor();
    const id = (await images('alice')).find((image) => image.filename === 'astronaut.png')!.id;
    const { data } = await stack.gql(ImageDetailsDocument, { id }, 'alice');
    const faces = data!.image!.faces;
    expect(faces.length).toBeGreaterThanOrEqual(1);
    await expect
      .poll(() => page.getByRole('img', { name: /^Face \d+/ }).count())
      .toBe(faces.length);
    // The variants are listed with their sizes.
    for (const variant of data!.image!.variants) {
      expect(await page.getByRole('table').first().innerText()).toContain(variant.name);
    }
    await visit('image');
  }, 60_000);

  it('reprocesses the photograph with another preset', async () => {
    await page.getByLabel('Preset').selectOption('avatar');
    await page.getByRole('button', { name: 'Reprocess' }).click();
    const id = (await images('alice')).find((image) => image.filename === 'astronaut.png')!.id;
    await expect
      .poll(async () => (await stack.gql(ImageDetailsDocument, { id }, 'alice')).data?.image, {
        timeout: 60_000,
      })
      .toMatchObject({ preset: 'avatar', status: 'PROCESSED' });
    await expect
      .poll(() => page.getByRole('status').first().innerText(), { timeout: 30_000 })
      .toContain('Processed');
  }, 120_000);

  it('deletes an image after asking', async () => {
    await gotoPage('Images');
    await page
      .getByRole('link', { name: /coffee\.png/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: 'coffee.png' }).waitFor();
    await page.getByRole('button', { name: 'Delete image' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    const tiles = page.getByRole('list', { name: 'Images' }).getByRole('listitem');
    await expect.poll(() => tiles.count(), { timeout: 15_000 }).toBe(2);
    expect((await images('alice')).map((image) => image.filename).sort()).toEqual([
      'astronaut.png',
      'notes.png',
    ]);
  }, 60_000);

  it('draws the metrics with the totals the API counts', async () => {
    await stack.idle();
    await gotoPage('Metrics');
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
    const { data } = await stack.gql(MetricsDocument, { from, to: today }, 'alice');
    const metrics = data!.metrics;
    // Three uploads; the reprocessing counted as a run, not an upload.
    expect(metrics).toMatchObject({ total: 3, failed: 1, reprocessed: 1 });
    const totals = page.getByRole('definition');
    const value = async (term: string) => {
      const terms = await page.getByRole('term').allInnerTexts();
      return (await totals.allInnerTexts())[terms.indexOf(term)];
    };
    await expect.poll(() => value('Uploads'), { timeout: 15_000 }).toBe(String(metrics.total));
    expect(await value('Processed')).toBe(String(metrics.processed));
    expect(await value('Failed')).toBe(String(metrics.failed));
    expect(await value('Rejected')).toBe(String(metrics.rejected));
    // Each time-series chart drew on its canvas (some pixel is not transparent).
    const drawn = await page.evaluate(() =>
      Array.from(document.querySelectorAll('figure canvas')).map((canvas) => {
        const c = canvas as HTMLCanvasElement;
        const pixels = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        return pixels.some((byte, i) => i % 4 === 3 && byte > 0);
      }),
    );
    expect(drawn.length).toBeGreaterThanOrEqual(4);
    expect(drawn.every(Boolean)).toBe(true);
    await expect
      .poll(() => page.getByRole('figure', { name: 'Failure reasons' }).innerText())
      .toContain((await images('alice')).find((i) => i.filename === 'notes.png')!.errorCode!);
    await visit('metrics');
  }, 60_000);

  it('shows a second user none of the first user’s images', async () => {
    const alices = (await images('alice')).map((image) => image.id);
    await signOut();
    await signIn('bob');
    await page.getByText('No images yet.').waitFor();
    expect(await page.getByRole('list', { name: 'Images' }).getByRole('listitem').count()).toBe(0);
    await page.goto(`${stack.consoleUrl}#/images/${alices[0]}`);
    await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
  }, 60_000);

  it('gives the admin group the review queue', async () => {
    await signOut();
    await signIn('root', true);
    await gotoPage('Review');
    await page.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
    await page.getByText('Nothing is waiting for review.').waitFor();
    await visit('review');
  }, 60_000);

  it('has no serious or critical accessibility problem on any page', () => {
    expect(Object.keys(a11y).sort()).toEqual(
      ['gallery', 'image', 'metrics', 'review', 'sign-in', 'upload'].sort(),
    );
    expect(a11y).toEqual(Object.fromEntries(Object.keys(a11y).map((name) => [name, []])));
  });

  it('made no request beyond the stack, and the policy refused nothing', () => {
    const origins = [new URL(stack.consoleUrl).origin, new URL(stack.s3Endpoint).origin];
    expect(browser.requests.length).toBeGreaterThan(10);
    expect(foreignRequests(browser.requests, origins)).toEqual([]);
    expect(browser.problems).toEqual([]);
  });
});
