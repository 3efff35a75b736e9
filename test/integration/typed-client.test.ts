import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDarkroomClient, DarkroomError, postUpload } from '../../src/client/client.js';
import {
  CreateUploadDocument,
  ImageResultDocument,
  ImageStatusDocument,
} from '../../src/client/operations.js';
import { makeImage } from '../helpers/images.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

describe('the typed client (src/client)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.dispose());

  it('uploads through a ticket and reads the typed result back', async () => {
    const client = createDarkroomClient({ url: stack.graphqlUrl, authorization: 'Bearer dev:web' });
    const bytes = await makeImage(640, 480, 'png');
    const { createUpload: ticket } = await client.request(CreateUploadDocument, {
      input: { filename: 'app.png', contentType: 'image/png', bytes: bytes.length },
    });
    await postUpload(ticket, new Blob([new Uint8Array(bytes)]));
    await stack.idle();
    const { imageStatus } = await client.request(ImageStatusDocument, { id: ticket.imageId });
    expect(imageStatus?.status).toBe('PROCESSED');
    const { image } = await client.request(ImageResultDocument, { id: ticket.imageId });
    expect(image).toMatchObject({ filename: 'app.png', width: 640, height: 480, format: 'png' });
    expect(image?.variants.length).toBeGreaterThan(0);

    // Another caller sees nothing.
    const other = createDarkroomClient({ url: stack.graphqlUrl, authorization: 'Bearer dev:eve' });
    expect((await other.request(ImageResultDocument, { id: ticket.imageId })).image).toBeNull();
  });

  it('raises the API’s errors with their codes', async () => {
    const client = createDarkroomClient({ url: stack.graphqlUrl });
    const refused = client.request(CreateUploadDocument, {
      input: { filename: 'notes.txt', contentType: 'text/plain' },
    });
    await expect(refused).rejects.toBeInstanceOf(DarkroomError);
    await expect(refused).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('reports an upload S3 refuses with S3’s reason', async () => {
    const client = createDarkroomClient({ url: stack.graphqlUrl });
    const { createUpload: ticket } = await client.request(CreateUploadDocument, {
      input: { filename: 'a.jpg', contentType: 'image/jpeg' },
    });
    const tooBig = new Blob([new Uint8Array(ticket.maxBytes + 1)]);
    await expect(postUpload(ticket, tooBig)).rejects.toThrow(/upload refused \(400\)/);
  });
});
