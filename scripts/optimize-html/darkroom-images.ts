/** The API side: one upload per picture, waiting for it, and its markup. */
import { postUpload, type DarkroomClient } from '../../src/client/client.js';
import type { HtmlKind, ImageMarkupQuery } from '../../src/client/generated/graphql.js';
import {
  CreateUploadDocument,
  ImageMarkupDocument,
  ImageStatusDocument,
} from '../../src/client/operations.js';
import { contentTypeOf } from '../../src/model/formats.js';
import type { SourceImage } from './source-images.js';

const TERMINAL = new Set(['PROCESSED', 'REJECTED', 'FAILED']);

export interface UploadOptions {
  preset?: string | undefined;
  timeoutMs: number;
  /** How often to ask for the status while the image is processed. */
  pollMs?: number;
}

/**
 * Uploads the picture through a ticket and waits until it is processed. Returns the image id;
 * throws with the API's reason when it ends REJECTED or FAILED, or when it takes too long.
 */
export async function uploadAndWait(
  client: DarkroomClient,
  source: SourceImage,
  filename: string,
  options: UploadOptions,
  onState: (state: string) => void,
): Promise<string> {
  onState('uploading');
  const { createUpload: ticket } = await client.request(CreateUploadDocument, {
    input: {
      filename,
      contentType: contentTypeOf(source.format),
      bytes: source.bytes.length,
      ...(options.preset ? { preset: options.preset } : {}),
    },
  });
  await postUpload(ticket, new Blob([new Uint8Array(source.bytes)]));
  onState('processing');
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const { imageStatus } = await client.request(ImageStatusDocument, { id: ticket.imageId });
    if (imageStatus && TERMINAL.has(imageStatus.status)) {
      if (imageStatus.status === 'PROCESSED') return ticket.imageId;
      throw new Error(`${imageStatus.status}: ${imageStatus.error ?? 'no reason given'}`);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `still ${imageStatus?.status ?? 'unknown'} after ${options.timeoutMs / 1000}s (--timeout)`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 300));
  }
}

export type Markup = { html: string; variants: NonNullable<ImageMarkupQuery['image']>['variants'] };

/** The API's responsive markup for one tag (its alt, its sizes) and the variants behind it. */
export async function fetchMarkup(
  client: DarkroomClient,
  id: string,
  kind: HtmlKind,
  sizes: string | null,
  alt: string | null,
): Promise<Markup> {
  const { image } = await client.request(ImageMarkupDocument, { id, kind, sizes, alt });
  if (!image) throw new Error(`image ${id} is gone (deleted meanwhile?)`);
  if (!image.html) throw new Error(`no markup for image ${id} (${image.status}, no variants?)`);
  return { html: image.html, variants: image.variants };
}

/**
 * Fails early, once, when the API cannot be reached or refuses the credentials, rather than once
 * per image. Asks for the status of an id nobody has: cheap, and allowed to anyone signed in.
 */
export async function checkReachable(client: DarkroomClient, url: string): Promise<void> {
  try {
    await client.request(ImageStatusDocument, { id: '00000000-0000-0000-0000-000000000000' });
  } catch (error) {
    if (error instanceof TypeError) {
      // fetch's own failure: the cause says why (ECONNREFUSED, ENOTFOUND, …).
      const cause = error.cause instanceof Error ? error.cause.message : error.message;
      throw new Error(`Cannot reach ${url} (${cause}). Is \`npm start\` running?`);
    }
    throw error;
  }
}
