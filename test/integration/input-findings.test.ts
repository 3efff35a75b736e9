/**
 * Issue 14's input findings, end to end: each upload goes through the embedded stack and ends as
 * the finding says it must, with what it needs to say in `warnings` or `error`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateUploadDocument, ImageDetailsDocument } from '../../src/client/operations.js';
import {
  avifWithMajorBrand,
  heicBrandedFile,
  jpegWithComment,
  jpegWithCorruptScan,
  jpegWithExtendedXmp,
  jpegWithJunkBeforeMetadata,
} from '../helpers/input-findings.js';
import { plainEps } from '../helpers/eps.js';
import { postUpload, startTestStack, type TestStack } from '../helpers/stack.js';

async function processed(stack: TestStack, bytes: Buffer, contentType: string) {
  const created = await stack.gql(
    CreateUploadDocument,
    { input: { filename: 'finding', contentType } },
    'tess',
  );
  expect(created.errors).toBeUndefined();
  const ticket = created.data!.createUpload;
  expect((await postUpload(ticket, bytes)).status).toBe(204);
  await stack.idle();
  const response = await stack.gql(ImageDetailsDocument, { id: ticket.imageId }, 'tess');
  return response.data!.image!;
}

describe('input findings, with the default settings', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.dispose());

  it('10: processes a photo with 7 MB of Extended XMP, and says its metadata was dropped', async () => {
    const image = await processed(stack, await jpegWithExtendedXmp(), 'image/jpeg');
    expect(image).toMatchObject({ status: 'PROCESSED', width: 640, height: 400, error: null });
    expect(image.warnings).toEqual([
      'metadata of 7.0 MB (extended XMP 7.0 MB, XMP 3 kB) was dropped: variants never carry metadata',
    ]);
    expect(image.variants.length).toBeGreaterThan(0);
  });

  it('11: processes a JPEG with corrupt entropy-coded data, and says it is damaged', async () => {
    const image = await processed(stack, await jpegWithCorruptScan(), 'image/jpeg');
    expect(image).toMatchObject({ status: 'PROCESSED', width: 400, height: 300 });
    expect(image.warnings).toEqual([
      'the image data is damaged: libjpeg reported "Corrupt JPEG data: premature end of data segment"; the damaged part may look wrong',
    ]);
  });

  it('9: processes an AVIF whose major brand is mif1, or whose brands say HEIC', async () => {
    const avif = await processed(stack, await avifWithMajorBrand('mif1'), 'image/avif');
    expect(avif).toMatchObject({ status: 'PROCESSED', format: 'heif', warnings: [] });
    // The brands say HEIC, the header says AV1: what decodes it is the codec's decoder.
    const branded = await processed(stack, await heicBrandedFile(), 'image/avif');
    expect(branded).toMatchObject({ status: 'PROCESSED', format: 'heif', warnings: [] });
  });

  it('refuses EPS bytes declared as an accepted type, naming the format and what to convert to', async () => {
    const image = await processed(stack, plainEps(), 'image/png');
    expect(image).toMatchObject({ status: 'FAILED', errorCode: 'NOT_AN_IMAGE', variants: [] });
    expect(image.error).toMatch(
      /^not a supported image: the bytes are EPS \(PostScript\) \(declared image\/png\)\. Darkroom does not run PostScript\. Convert it first: to PNG/,
    );
  });

  it('5: refuses markup with an event handler in a JPEG comment', async () => {
    for (const markup of ['<img src=x onerror=alert(1)>', '<svg onload=alert(1)>']) {
      const image = await processed(stack, await jpegWithComment(markup), 'image/jpeg');
      expect(image, markup).toMatchObject({ status: 'FAILED', errorCode: 'SUSPICIOUS_CONTENT' });
      expect(image.error).toContain(`an event handler: ${JSON.stringify(markup)}`);
    }
  });
});

describe('input findings, with a lower metadata limit', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ MAX_METADATA_BYTES: String(512 * 1024) });
  });
  afterAll(() => stack?.dispose());

  it('4: refuses metadata over the limit behind a byte libjpeg skips', async () => {
    const image = await processed(stack, await jpegWithJunkBeforeMetadata(), 'image/jpeg');
    expect(image).toMatchObject({
      status: 'FAILED',
      errorCode: 'METADATA_TOO_LARGE',
      error: 'metadata totals 3.0 MB (EXIF 3.0 MB); the limit is 512 kB',
      variants: [],
    });
  });
});
