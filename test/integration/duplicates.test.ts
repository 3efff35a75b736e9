import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateUploadDocument, ImageDetailsDocument } from '../../src/client/operations.js';
import { FETCH_HINT, PHOTOS_DIR } from '../analysis/photos.js';
import { postUpload, startTestStack, type TestStack } from '../helpers/stack.js';

const CAT = join(PHOTOS_DIR, 'chelsea.png');
const COFFEE = join(PHOTOS_DIR, 'coffee.png');
const missing = !existsSync(CAT) || !existsSync(COFFEE);
if (missing) console.warn(`Skipping the duplicates tests: ${FETCH_HINT}`);

async function upload(stack: TestStack, user: string, name: string, bytes: Buffer) {
  const type = name.endsWith('.png') ? 'image/png' : 'image/jpeg';
  const created = await stack.gql(
    CreateUploadDocument,
    { input: { filename: name, contentType: type } },
    user,
  );
  const ticket = created.data!.createUpload;
  expect((await postUpload(ticket, bytes)).status).toBe(204);
  await stack.idle();
  return (await stack.gql(ImageDetailsDocument, { id: ticket.imageId }, user)).data!.image!;
}

/** The same photograph, resized and recompressed: what a person re-uploading it would send. */
const recompressed = async (path: string) =>
  sharp(path).resize({ width: 300 }).jpeg({ quality: 55 }).toBuffer();

describe.skipIf(missing)('duplicates as a moderation step', () => {
  describe('set to reject', () => {
    let stack: TestStack;
    beforeAll(async () => {
      stack = await startTestStack({ DUPLICATES: 'reject', DUPLICATE_MAX_DISTANCE: '6' });
    });
    afterAll(() => stack?.dispose());

    it('refuses the owner’s resized, recompressed copy, naming the original; other owners are never compared', async () => {
      const original = await upload(stack, 'rex', 'chelsea.png', await readFile(CAT));
      expect(original.status).toBe('PROCESSED');
      expect(original.duplicateOf).toBeNull();

      const copy = await upload(stack, 'rex', 'again.jpg', await recompressed(CAT));
      expect(copy).toMatchObject({
        status: 'REJECTED',
        errorCode: 'DUPLICATE',
        variants: [],
        duplicateOf: { id: original.id, filename: 'chelsea.png' },
      });
      expect(copy.error).toContain(`a near-duplicate of image ${original.id}`);

      // Someone else's identical upload is theirs alone.
      const others = await upload(stack, 'sam', 'chelsea.png', await readFile(CAT));
      expect(others).toMatchObject({ status: 'PROCESSED', duplicateOf: null });
      // A different photograph of rex's is no duplicate.
      const coffee = await upload(stack, 'rex', 'coffee.png', await readFile(COFFEE));
      expect(coffee).toMatchObject({ status: 'PROCESSED', duplicateOf: null });
    });
  });

  describe('set to review', () => {
    let stack: TestStack;
    beforeAll(async () => {
      stack = await startTestStack({ DUPLICATES: 'review' });
    });
    afterAll(() => stack?.dispose());

    it('holds the copy for a person, saying which image it repeats', async () => {
      const original = await upload(stack, 'rex', 'chelsea.png', await readFile(CAT));
      const copy = await upload(stack, 'rex', 'again.jpg', await recompressed(CAT));
      expect(copy).toMatchObject({
        status: 'IN_REVIEW',
        variants: [],
        duplicateOf: { id: original.id },
      });
      expect(copy.review!.reason).toMatch(
        new RegExp(
          `^held for review as a near-duplicate of image ${original.id} \\(perceptual hashes \\d+ of 64 bits apart`,
        ),
      );
    });
  });

  describe('off (the default)', () => {
    let stack: TestStack;
    beforeAll(async () => {
      stack = await startTestStack();
    });
    afterAll(() => stack?.dispose());

    it('processes the copy like any upload', async () => {
      await upload(stack, 'rex', 'chelsea.png', await readFile(CAT));
      const copy = await upload(stack, 'rex', 'again.jpg', await recompressed(CAT));
      expect(copy).toMatchObject({ status: 'PROCESSED', duplicateOf: null });
    });
  });
});
