/**
 * A Lambda-shaped entry that decodes a HEIC with nothing else around it: test/unit/build-heic
 * bundles it with the build's own options, as the processor and delivery zips are, and runs it
 * from a folder outside the repository, so that it finds the worker and libheif only in the zip.
 */
import type { ImageHeader } from '../../src/imaging/header.js';
import { decodeHeic } from '../../src/imaging/heic/decode-heic.js';

export async function handler(event: { heic: string; width: number; height: number }) {
  const header = { width: event.width, height: event.height, hasAlpha: false } as ImageHeader;
  const tiff = await decodeHeic(Buffer.from(event.heic, 'base64'), header, 30);
  return tiff.toString('base64');
}
