/**
 * `npm run upload -- <file> [<file>…]`: asks the API for a ticket, uploads with a progress bar,
 * waits for a terminal status and prints what came out. Works against the embedded default
 * (default URL) or a deployed API (`--url … --token …`).
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { createDarkroomClient, type DarkroomClient } from '../src/client/client.js';
import type { CreateUploadMutation, ImageResultQuery } from '../src/client/generated/graphql.js';
import {
  CreateUploadDocument,
  ImageResultDocument,
  ImageStatusDocument,
} from '../src/client/operations.js';
import { contentTypeOf } from '../src/model/formats.js';
import { sniffImageFormat } from '../src/model/sniff.js';

const HELP = `Usage: npm run upload -- [options] <file> [<file>…]

Uploads each image, waits until it is processed, and prints its id, status, size and variant URLs.

Options:
  --url <url>       GraphQL endpoint (default: $DARKROOM_URL or http://127.0.0.1:4000/graphql)
  --user <name>     embedded default only: act as this user (sends "Bearer dev:<name>")
  --token <jwt>     a deployed API: the Cognito access token to send
  --preset <name>   preset to process with (default: default)
  --timeout <sec>   how long to wait for each image (default: 120)
  --json            print the results as JSON
  -h, --help        show this help`;

const TERMINAL = new Set(['PROCESSED', 'REJECTED', 'FAILED']);

type Ticket = CreateUploadMutation['createUpload'];
type ImageInfo = NonNullable<ImageResultQuery['image']>;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: process.env.DARKROOM_URL ?? 'http://127.0.0.1:4000/graphql' },
    user: { type: 'string' },
    token: { type: 'string' },
    preset: { type: 'string' },
    timeout: { type: 'string', default: '120' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help || positionals.length === 0) {
  console.log(HELP);
  process.exit(values.help ? 0 : 2);
}
const timeoutMs = Number(values.timeout) * 1000;
if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) fail('--timeout must be a number of seconds');
const authorization = values.token
  ? `Bearer ${values.token}`
  : values.user
    ? `Bearer dev:${values.user}`
    : undefined;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const client = createDarkroomClient({ url: values.url, authorization });

/** The typed client, with a hint when nothing answers at the URL. */
const request: DarkroomClient['request'] = async (document, ...variables) => {
  try {
    return await client.request(document, ...variables);
  } catch (error) {
    if (error instanceof TypeError) {
      // fetch's own failure: the cause says why (ECONNREFUSED, ENOTFOUND, …).
      const cause = error.cause instanceof Error ? error.cause.message : error.message;
      fail(`Cannot reach ${values.url} (${cause}). Is \`npm start\` running?`);
    }
    throw error;
  }
};

/** A multipart/form-data POST of the ticket's fields and the file, reporting bytes sent. */
function postFile(ticket: Ticket, file: Buffer, onProgress: (sent: number) => void) {
  const boundary = `----darkroom${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    ticket.fields
      .map(
        (f) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"\r\n\r\n${f.value}\r\n`,
      )
      .join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="upload"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const url = new URL(ticket.url);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<void>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + file.length + tail.length,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve();
          const detail = /<Message>([^<]*)<\/Message>/.exec(Buffer.concat(chunks).toString());
          reject(new Error(`upload refused (${status}): ${detail?.[1] ?? 'no reason given'}`));
        });
      },
    );
    req.on('error', reject);
    (async () => {
      const write = (chunk: Buffer) =>
        new Promise<void>((done) => {
          if (req.write(chunk)) done();
          else req.once('drain', done);
        });
      await write(head);
      const step = 64 * 1024;
      for (let offset = 0; offset < file.length; offset += step) {
        await write(file.subarray(offset, offset + step));
        onProgress(Math.min(file.length, offset + step));
      }
      req.end(tail);
    })().catch(reject);
  });
}

async function waitForTerminal(id: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { imageStatus } = await request(ImageStatusDocument, { id });
    if (imageStatus && TERMINAL.has(imageStatus.status)) return;
    if (Date.now() > deadline) {
      throw new Error(`still ${imageStatus?.status ?? 'unknown'} after ${values.timeout}s`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** A bar per file on a terminal; elsewhere (CI, pipes) one line per state change. */
interface Progress {
  sent(bytes: number): void;
  state(state: string): void;
}
const interactive = Boolean(process.stdout.isTTY);
const bars = new cliProgress.MultiBar(
  {
    format: ' {bar} {percentage}% | {file} | {state}',
    hideCursor: true,
    clearOnComplete: false,
    stopOnComplete: false,
  },
  cliProgress.Presets.shades_classic,
);

function progressFor(file: string, total: number): Progress {
  if (!interactive) {
    return { sent: () => undefined, state: (state) => console.error(`${file}: ${state}`) };
  }
  const bar = bars.create(total, 0, { file, state: 'requesting ticket' });
  return { sent: (bytes) => bar.update(bytes), state: (state) => bar.update({ state }) };
}

async function uploadOne(
  path: string,
): Promise<{ path: string; image?: ImageInfo; error?: string }> {
  const name = basename(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return { path, error: `cannot read: ${(error as Error).message}` };
  }
  const format = sniffImageFormat(bytes);
  if (!format) return { path, error: 'not a JPEG, PNG, WebP, GIF, AVIF, TIFF or HEIC image' };
  const progress = progressFor(name, bytes.length);
  progress.state('requesting ticket');
  try {
    const { createUpload: ticket } = await request(CreateUploadDocument, {
      input: {
        filename: name,
        contentType: contentTypeOf(format),
        bytes: bytes.length,
        ...(values.preset ? { preset: values.preset } : {}),
      },
    });
    progress.state('uploading');
    await postFile(ticket, bytes, (sent) => progress.sent(sent));
    progress.state('processing');
    await waitForTerminal(ticket.imageId);
    const { image } = await request(ImageResultDocument, { id: ticket.imageId });
    if (!image) throw new Error('the image disappeared (deleted meanwhile?)');
    progress.state(image.status);
    return { path, image };
  } catch (error) {
    progress.state('error');
    return { path, error: (error as Error).message };
  }
}

const results = await Promise.all(positionals.map(uploadOne));
if (interactive) bars.stop();

if (values.json) {
  console.log(JSON.stringify(results, null, 2));
} else {
  for (const { path, image, error } of results) {
    console.log(`\n${path}`);
    if (error || !image) {
      console.log(`  error: ${error}`);
      continue;
    }
    console.log(`  id      ${image.id}`);
    console.log(`  status  ${image.status}${image.error ? ` — ${image.error}` : ''}`);
    if (image.width) {
      console.log(
        `  image   ${image.width}×${image.height} ${image.format}, ${image.bytes} bytes, processed in ${image.timings?.totalMs ?? '?'} ms`,
      );
    }
    for (const v of image.variants) {
      console.log(
        `  ${`${v.name}.${v.format}`.padEnd(12)} ${`${v.width}×${v.height}`.padEnd(10)} ${String(v.bytes).padStart(8)} B  ${v.url}`,
      );
    }
  }
}
process.exit(results.every((r) => r.image?.status === 'PROCESSED') ? 0 : 1);
