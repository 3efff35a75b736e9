/**
 * A ticket used twice (issue 14, finding 12): the second POST replaces the original in S3 after
 * the first was processed. The record pins what was processed (its ETag, and its version where
 * the bucket keeps versions): the new bytes are ignored with a warning, and reprocessImage never
 * renders a picture the record does not describe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateUploadDocument, ReprocessImageDocument } from '../../src/client/operations.js';
import { makeImage } from '../helpers/images.js';
import { postUpload, startTestStack, type TestStack } from '../helpers/stack.js';

interface Seen {
  image: {
    status: string;
    width: number | null;
    height: number | null;
    warnings: string[];
    errorCode: string | null;
    error: string | null;
  } | null;
}
const IMAGE = 'query($id: ID!) { image(id: $id) { status width height warnings errorCode error } }';

describe('a ticket posted twice', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.dispose());

  it('keeps the picture first processed, says so, and reprocesses nothing else', async () => {
    const created = await stack.gql(
      CreateUploadDocument,
      { input: { filename: 'first.jpg', contentType: 'image/jpeg' } },
      'erin',
    );
    const ticket = created.data!.createUpload;
    expect((await postUpload(ticket, await makeImage(900, 600, 'jpeg'))).status).toBe(204);
    await stack.idle();
    const first = (await stack.gql<Seen>(IMAGE, { id: ticket.imageId }, 'erin')).data!.image!;
    expect(first).toMatchObject({ status: 'PROCESSED', width: 900, height: 600, warnings: [] });

    // The same ticket again, still valid, with another picture.
    expect((await postUpload(ticket, await makeImage(300, 800, 'jpeg'))).status).toBe(204);
    await stack.idle();
    const after = (await stack.gql<Seen>(IMAGE, { id: ticket.imageId }, 'erin')).data!.image!;
    expect(after).toMatchObject({ status: 'PROCESSED', width: 900, height: 600 });
    expect(after.warnings).toHaveLength(1);
    expect(after.warnings[0]).toMatch(/posted again .* ignored: this image is the picture first/);

    // The emulator keeps no versions: the processed bytes are gone, so a reprocess says so
    // rather than rendering the other picture under this record.
    const reprocess = await stack.gql(ReprocessImageDocument, { id: ticket.imageId }, 'erin');
    expect(reprocess.errors).toBeUndefined();
    await stack.idle();
    const reprocessed = (await stack.gql<Seen>(IMAGE, { id: ticket.imageId }, 'erin')).data!.image!;
    expect(reprocessed.status).toBe('FAILED');
    expect(reprocessed.errorCode).toBe('ORIGINAL_REPLACED');
    expect(reprocessed.error).toMatch(/replaced after it was processed/);
    expect(reprocessed).not.toMatchObject({ width: 300, height: 800 });
  });

  it('reprocesses an untouched original as before', async () => {
    const created = await stack.gql(
      CreateUploadDocument,
      { input: { filename: 'kept.jpg', contentType: 'image/jpeg' } },
      'erin',
    );
    const ticket = created.data!.createUpload;
    expect((await postUpload(ticket, await makeImage(640, 480, 'jpeg'))).status).toBe(204);
    await stack.idle();
    await stack.gql(ReprocessImageDocument, { id: ticket.imageId }, 'erin');
    await stack.idle();
    const image = (await stack.gql<Seen>(IMAGE, { id: ticket.imageId }, 'erin')).data!.image!;
    expect(image).toMatchObject({ status: 'PROCESSED', width: 640, height: 480, warnings: [] });
  });
});
