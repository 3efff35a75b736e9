import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import sharp, { type Sharp } from 'sharp';
import { closeServer } from '../../src/local/s3-emulator.js';
import { originalKey } from '../../src/model/keys.js';

/**
 * The delivery benchmark's naive handler: what a tutorial's "resize on request" Lambda does, as a
 * bare node:http server. Per request it reads the original from the originals bucket (GetObject),
 * decodes it, resizes it into the box and encodes it, and returns the body. Nothing is stored, so
 * every request is a render; identical requests arriving together each render (no single-flight);
 * no signature, no table lookup.
 *
 *   GET /{decode}/{imageId}/{width}x{height}.{format}
 *
 * `decode` is `full`: the whole original decoded to raw pixels first, then resized, as the issue
 * words it ("full decode, resize, encode"); or `shrink`: the one-liner sharp(input).resize(…),
 * where libvips still shrinks the JPEG while decoding it (DCT scaling), as Darkroom does.
 */

export type NaiveFormat = 'jpeg' | 'webp' | 'avif';
export type NaiveDecode = 'full' | 'shrink';

/**
 * Darkroom's encoder settings (src/imaging/render.ts encode()), so both sides encode the same
 * thing: quality 80, progressive JPEG (flattened onto white); AVIF at 0.65 × 80 = 52, as
 * encode() scales AVIF's quality; libvips' default effort for WebP and AVIF.
 */
export const NAIVE_QUALITY = 80;
export const NAIVE_AVIF_QUALITY = Math.round(NAIVE_QUALITY * 0.65);

/** `effort` for AVIF only: libvips' default (4) unless given, as encode() leaves it. */
export function encode(image: Sharp, format: NaiveFormat, avifEffort?: number): Sharp {
  switch (format) {
    case 'jpeg':
      return image
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: NAIVE_QUALITY, progressive: true });
    case 'webp':
      return image.webp({ quality: NAIVE_QUALITY });
    case 'avif':
      return image.avif({
        quality: NAIVE_AVIF_QUALITY,
        ...(avifEffort === undefined ? {} : { effort: avifEffort }),
      });
  }
}

const PATH =
  /^\/(full|shrink)\/([0-9a-f-]{36})\/([1-9][0-9]{0,4})x([1-9][0-9]{0,4})\.(jpeg|webp|avif)$/;

export interface NaiveServer {
  url: string;
  /** Renders made (every answered request). */
  renders: number;
  close(): Promise<void>;
}

export async function startNaiveServer(
  s3: S3Client,
  originalsBucket: string,
): Promise<NaiveServer> {
  const state = { renders: 0 };
  const server = createServer((req, res) => {
    const m = PATH.exec(new URL(req.url ?? '/', 'http://local').pathname);
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    const [, decode, imageId, width, height, format] = m as unknown as [
      string,
      NaiveDecode,
      string,
      string,
      string,
      NaiveFormat,
    ];
    (async () => {
      const object = await s3.send(
        new GetObjectCommand({ Bucket: originalsBucket, Key: originalKey(imageId) }),
      );
      const input = Buffer.from(await object.Body!.transformToByteArray());
      let image: Sharp;
      if (decode === 'full') {
        const { data, info } = await sharp(input).raw().toBuffer({ resolveWithObject: true });
        image = sharp(data, {
          raw: { width: info.width, height: info.height, channels: info.channels },
        });
      } else {
        image = sharp(input);
      }
      const body = await encode(
        image.resize(Number(width), Number(height), { fit: 'inside' }),
        format,
      ).toBuffer();
      state.renders++;
      res.writeHead(200, { 'content-type': `image/${format}`, 'content-length': body.length });
      res.end(body);
    })().catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get renders() {
      return state.renders;
    },
    close: () => closeServer(server),
  };
}
