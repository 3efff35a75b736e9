import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyzerError } from '../../src/model/failure.js';
import type { Analyzer } from '../../src/processor/analysis/analyzer.js';
import { createJudge } from '../../src/processor/analysis/index.js';
import {
  CreateUploadDocument,
  ImageDetailsDocument,
  MyMetricsDocument,
} from '../../src/client/operations.js';
import { makeImage } from '../helpers/images.js';
import { scriptedModeration } from '../helpers/scripted-analysis.js';
import {
  postUpload,
  s3ClientOf,
  startTestStack,
  type TestStack,
  variantKeys,
} from '../helpers/stack.js';

async function uploadAndRead(stack: TestStack, bytes: Buffer, user: string) {
  const created = await stack.gql(
    CreateUploadDocument,
    { input: { filename: 'photo.png', contentType: 'image/png' } },
    user,
  );
  const ticket = created.data!.createUpload;
  expect((await postUpload(ticket, bytes)).status).toBe(204);
  await stack.idle();
  const image = await stack.gql(ImageDetailsDocument, { id: ticket.imageId }, user);
  return { id: ticket.imageId, image: image.data!.image! };
}

describe('the moderation gate in the processor', () => {
  // The analyser is scripted (the port is the boundary); the gate and everything after are real.
  let explicitness = 0;
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(
      {},
      {
        analysis: scriptedModeration(() => explicitness),
      },
    );
  });
  afterAll(() => stack?.dispose());

  it('rejects above the threshold: reason recorded, no variant written, original kept', async () => {
    explicitness = 0.93;
    const { id, image } = await uploadAndRead(stack, await makeImage(800, 600, 'png'), 'gate');
    expect(image).toMatchObject({ status: 'REJECTED', errorCode: 'MODERATION', variants: [] });
    expect(image.error).toMatch(/^rejected by moderation: Explicit \(93%\)/);
    expect(image.moderation).toMatchObject({
      decision: 'REJECTED',
      threshold: 0.5,
      analyzer: 'scripted',
    });
    // Read as the operator would (signed SDK requests): anonymous reads are refused locally too.
    expect(await variantKeys(stack, id)).toEqual([]);
    const s3 = s3ClientOf(stack);
    const original = await s3.send(
      new HeadObjectCommand({ Bucket: 'darkroom-originals', Key: `uploads/${id}` }),
    );
    expect(original.ContentLength).toBeGreaterThan(0);
    s3.destroy();
    const metrics = await stack.gql(MyMetricsDocument, {}, 'gate');
    const { rejected, processed } = metrics.data!.metrics;
    expect({ rejected, processed }).toEqual({ rejected: 1, processed: 0 });
  });

  it('allows below the threshold and records the timings of each step', async () => {
    explicitness = 0.3;
    const { image } = await uploadAndRead(stack, await makeImage(800, 600, 'png'), 'gate');
    expect(image.status).toBe('PROCESSED');
    expect(image.variants).toHaveLength(6);
    expect(image.moderation).toMatchObject({ decision: 'ALLOWED' });
    expect(image.timings!.analysisMs).not.toBeNull();
    expect(image.timings!.gateMs).not.toBeNull();
  });
});

const PHOTOS = process.env.SAMPLE_PHOTOS_DIR ?? join(process.cwd(), '.cache', 'sample-photos');
const astronaut = join(PHOTOS, 'astronaut.png');
const havePhotos = existsSync(astronaut);
if (!havePhotos) {
  console.warn(
    `Skipping the local-analyser end-to-end test: ${astronaut} is missing. Run: apt-get update && bash scripts/fetch-sample-photos.sh`,
  );
}

describe.skipIf(!havePhotos)('the local analyser on the embedded default', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ ANALYZER: 'local' });
  });
  afterAll(() => stack?.dispose());

  it('finds the astronaut’s face and centres the thumbnail on it', async () => {
    // A busy panel to the left of the photo makes the image wide, so the square thumbnail must
    // choose where to crop; the face sits right of centre.
    const photo = await readFile(astronaut);
    const noise = Buffer.alloc(600 * 512 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
    const composed = await sharp({
      create: { width: 1112, height: 512, channels: 3, background: '#000' },
    })
      .composite([
        { input: noise, raw: { width: 600, height: 512, channels: 3 }, left: 0, top: 0 },
        { input: photo, left: 600, top: 0 },
      ])
      .png()
      .toBuffer();
    // Three channels, like the JPEG thumbnail it is compared with (sharp composites after any
    // flatten in the same pipeline, so this takes a second pass).
    const wide = await sharp(composed).removeAlpha().png().toBuffer();

    const { image } = await uploadAndRead(stack, wide, 'astro');
    expect(image.status).toBe('PROCESSED');
    expect(image.moderation).toMatchObject({ decision: 'ALLOWED', analyzer: 'local' });
    expect(image.faces).toHaveLength(1);
    const { box } = image.faces[0]!;
    // In the photo the face spans roughly x 0.35–0.53, y 0.14–0.34; shifted by the panel.
    const centreX = (box.left + box.width / 2) * 1112;
    const centreY = (box.top + box.height / 2) * 512;
    expect(centreX).toBeGreaterThan(600 + 0.35 * 512);
    expect(centreX).toBeLessThan(600 + 0.53 * 512);
    expect(centreY).toBeGreaterThan(0.14 * 512);
    expect(centreY).toBeLessThan(0.34 * 512);

    // The thumbnail must be the 512×512 window centred (as far as the edges allow) on the face.
    const thumb = image.variants.find((v) => v.name === 'thumb' && v.format === 'jpeg')!;
    const thumbPixels = await sharp(Buffer.from(await (await fetch(thumb.url)).arrayBuffer()))
      .resize(64, 64)
      .raw()
      .toBuffer();
    const windowAt = (left: number) =>
      sharp(wide)
        .extract({ left, top: 0, width: 512, height: 512 })
        .resize(64, 64)
        .raw()
        .toBuffer();
    const meanDiff = (a: Buffer, b: Buffer) =>
      a.reduce((s, v, i) => s + Math.abs(v - b[i]!), 0) / a.length;
    const expectedLeft = Math.min(Math.max(0, Math.round(centreX - 256)), 1112 - 512);
    const onFace = meanDiff(thumbPixels, await windowAt(expectedLeft));
    const elsewhere = meanDiff(thumbPixels, await windowAt(Math.max(0, expectedLeft - 300)));
    expect(onFace).toBeLessThan(12);
    expect(elsewhere).toBeGreaterThan(onFace * 3);
  });
});

describe('an analyser that fails', () => {
  // Scripted per call: each entry is what one analyze() does, in order.
  let script: ('throttled' | 'invalid' | 'ok')[] = [];
  let calls = 0;
  const flaky: Analyzer = {
    name: 'flaky',
    analyze: () => {
      const step = script[calls++] ?? 'ok';
      if (step === 'throttled') {
        return Promise.reject(new AnalyzerError('ThrottlingException: slow down', true));
      }
      if (step === 'invalid') {
        return Promise.reject(new AnalyzerError('InvalidImageFormatException', false));
      }
      return Promise.resolve({ faces: [], labels: [], moderation: [] });
    },
  };
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(
      { SWEEP_INTERVAL_SECONDS: '3600' },
      {
        analysis: {
          analyzer: flaky,
          judge: createJudge({ MODERATION_THRESHOLD: 0.5, MODERATION_REJECT_LABELS: ['Explicit'] }),
          longestSide: 1600,
        },
      },
    );
  });
  afterAll(() => stack?.dispose());

  it('is tried again after a passing fault, and the image still ends PROCESSED', async () => {
    script = ['throttled'];
    calls = 0;
    const { image } = await uploadAndRead(stack, await makeImage(500, 400, 'png'), 'fay');
    // The first delivery released its claim and failed; the redelivery (Lambda's retry) finished.
    expect(calls).toBe(2);
    expect(image.status).toBe('PROCESSED');
    expect(image.variants.length).toBeGreaterThan(0);
  });

  it('ends the image FAILED (ANALYSIS_FAILED) with the reason when retrying cannot help', async () => {
    script = ['invalid'];
    calls = 0;
    const { image } = await uploadAndRead(stack, await makeImage(500, 400, 'png'), 'fay');
    expect(calls).toBe(1);
    expect(image).toMatchObject({ status: 'FAILED', errorCode: 'ANALYSIS_FAILED', variants: [] });
    expect(image.error).toMatch(/InvalidImageFormatException/);
  });
});
