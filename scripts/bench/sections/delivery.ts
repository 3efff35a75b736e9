import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { loadLocalConfig } from '../../../src/config/local.js';
import { renderTransform } from '../../../src/delivery/render.js';
import { IMMUTABLE } from '../../../src/delivery/responses.js';
import { startStack, type Stack } from '../../../src/local/stack.js';
import { originalKey, RENDERS_PREFIX } from '../../../src/model/keys.js';
import { createAwsClients } from '../../../src/storage/clients.js';
import { ImageTable } from '../../../src/table/images.js';
import { formatPath, type Transform } from '../../../src/urls/grammar.js';
import { gql, upload } from '../api-client.js';
import { ROOT } from '../drivers.js';
import { drive, httpClients, type HttpAnswer } from '../http-load.js';
import { PHOTOS_DIR, type Photo } from '../inputs.js';
import {
  encode,
  NAIVE_AVIF_QUALITY,
  NAIVE_QUALITY,
  startNaiveServer,
  type NaiveDecode,
  type NaiveServer,
} from '../naive-delivery.js';
import type { BenchContext, SectionResult, Table } from '../section.js';
import { formatMs, minMedian, quantile, summarize, type Summary, type Target } from '../stats.js';

/**
 * On-demand renders over HTTP against the embedded default's delivery endpoint: first renders
 * (nothing stored) and cached hits, from two clients, beside a naive sharp handler serving the
 * same requests from the same bucket; then the parts of a first render measured on their own,
 * to show where its time goes.
 */

const TITLE = 'On-demand delivery renders';
const OWNER = 'bench-delivery';
const FORMATS = ['jpeg', 'webp', 'avif'] as const;
type Format = (typeof FORMATS)[number];
const LABEL: Record<Format, string> = { jpeg: 'JPEG', webp: 'WebP', avif: 'AVIF' };
const EXTENSION: Record<Format, string> = { jpeg: 'jpg', webp: 'webp', avif: 'avif' };
const CLIENTS = 2;
const BOX = 512;
const transform = (format: Format): Transform => ({
  width: BOX,
  height: BOX,
  fit: 'inside',
  format,
  dpr: 1,
});

/** The floors on this 2-core machine, and imgproxy's published figures (2-vCPU c7i.large). */
const TARGET_PER_SECOND: Record<Format, number> = { jpeg: 80, webp: 22, avif: 13 };
const IMGPROXY_PER_SECOND: Record<Format, number> = { jpeg: 79.6, webp: 22.0, avif: 13.2 };
const HIT_P50_LIMIT_MS = 5;
/** imgproxy's default IMGPROXY_AVIF_SPEED (8 since 3.27, 9 from 3.18), passed to libvips as effort 9 − speed. */
const IMGPROXY_AVIF_EFFORT = 1;

/** The "2–4 MP photographs": the bench set's JPEGs of 2 to 4 megapixels, rounded (2560×1600 is 4.1). */
const isTwoToFourMp = (p: Photo) =>
  p.format === 'jpeg' && Math.round(p.megapixels) >= 2 && Math.round(p.megapixels) <= 4;
const QUICK_PHOTOS = 8;
/**
 * Each photo is uploaded this many times, as separate images: a pass of first renders is one
 * request per image, and a pass of a few dozen keeps the ramp-down at its end (one client idle
 * while the other finishes) to a few per cent. AVIF passes take one copy of each photo only: at
 * libvips' default effort an AVIF render costs about ten JPEG ones, and the section has to end in
 * a few minutes.
 */
const COPIES = 3;
const QUICK_COPIES = 2;
/** Cached hits: rounds over every stored render of the format, per run. */
const HIT_ROUNDS = 5;
const QUICK_HIT_ROUNDS = 3;
/** Where the storage probe writes its copies of the renders (deleted at the end). */
const SCRATCH_PREFIX = 'bench-scratch/';

/** Milliseconds, or microseconds below a tenth of one (base64 of a few kilobytes). */
const fineMs = (ms: number) => (ms < 0.1 ? `${(ms * 1000).toFixed(0)} µs` : formatMs(ms));

interface Image {
  id: string;
  photo: Photo;
  original: Buffer;
  urls: Record<Format, string>;
}

/** One pass of one kind: its rate, and each request's time. */
interface Pass {
  perSecond: number;
  latencies: number[];
}

const STEPS = ['bucketMiss', 'tableRead', 'originalRead', 'renderWrite', 'base64'] as const;
type Step = (typeof STEPS)[number];
const STEP_LABEL: Record<Step, string> = {
  bucketMiss: "the front's bucket miss (GET, 404)",
  tableRead: "the image's record (GetItem)",
  originalRead: 'the original (GetObject)',
  renderWrite: 'storing the render (PutObject)',
  base64: "base64 of the function's answer, out and back",
};

interface FormatRuns {
  darkroom: Pass[];
  hits: Pass[];
  naive: Record<NaiveDecode, Pass[]>;
  /** renderTransform in this process from the original in memory: the render alone. */
  alone: Pass[];
  /** The encode alone, at Darkroom's settings, from pixels already fitted into the box. */
  encode: Pass[];
  /** The delivery function's storage calls and base64, reproduced on their own. */
  steps: Record<Step | 'all', number[]>;
  /** Bytes of each first render's answer, from the last run. */
  bytes: number[];
}

const pass = (items: { ms: number }[], wallMs: number): Pass => ({
  perSecond: (items.length * 1000) / wallMs,
  latencies: items.map((a) => a.ms),
});

/** What sharp's metadata calls each format (AVIF is in a HEIF container). */
const CONTAINER: Record<Format, string> = { jpeg: 'jpeg', webp: 'webp', avif: 'heif' };

/** Every answer a 200 of the requested format, fitted into the box (longest side BOX). */
async function checkAnswers(what: string, format: Format, answers: HttpAnswer[]): Promise<void> {
  for (const [i, a] of answers.entries()) {
    if (a.status !== 200) {
      throw new Error(
        `${what}: request ${i + 1} answered ${a.status}: ${a.body.toString().slice(0, 200)}`,
      );
    }
    if (a.contentType !== `image/${format}`) {
      throw new Error(`${what}: request ${i + 1} answered ${a.contentType}, not image/${format}`);
    }
    const meta = await sharp(a.body).metadata();
    if (meta.format !== CONTAINER[format] || Math.max(meta.width, meta.height) !== BOX) {
      throw new Error(
        `${what}: request ${i + 1} is ${meta.format} ${meta.width}×${meta.height}, not ${format} within ${BOX}×${BOX}`,
      );
    }
  }
}

/** Deletes every object under `prefix` (the stored renders: the next request for each renders). */
async function deleteAll(s3: S3Client, bucket: string, prefix: string): Promise<void> {
  for (;;) {
    const { Contents = [] } = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }),
    );
    if (Contents.length === 0) return;
    await s3.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: Contents.map((o) => ({ Key: o.Key! })), Quiet: true },
      }),
    );
  }
}

export async function deliverySection(ctx: BenchContext): Promise<SectionResult> {
  const eligible = ctx.photos.large.filter(isTwoToFourMp);
  if (eligible.length === 0) {
    return {
      id: 'delivery',
      title: TITLE,
      method: [],
      tables: [],
      notes: [
        `Skipped: none of the ${ctx.photos.large.length} photos of 2+ MP in ${relative(ROOT, PHOTOS_DIR)} is a JPEG of 2 to 4 megapixels (scripts/fetch-bench-photos.sh fetches the bench set there).`,
      ],
      targets: [],
    };
  }
  const quick = ctx.options.quick;
  const photos = quick ? eligible.slice(0, QUICK_PHOTOS) : eligible;
  const copies = quick ? QUICK_COPIES : COPIES;
  const hitRounds = quick ? QUICK_HIT_ROUNDS : HIT_ROUNDS;
  const local = loadLocalConfig({});

  ctx.log('  delivery: starting a stack of its own');
  const stack: Stack = await startStack({
    ...process.env,
    PORT: '0',
    S3_PORT: '0',
    DYNAMODB_PORT: '0',
    DYNAMODB_IN_MEMORY: 'true', // a throwaway table: no disk writes to wait on
    DATA_DIR: join(ctx.scratch, 'delivery'),
    ANALYZER: 'none',
    // This server's own /t/ URLs, any size: whatever the shell has set for a deployment.
    DELIVERY_BASE_URL: '',
    DELIVERY_SIZES: undefined,
    DELIVERY_MAX_SIDE: undefined,
    // A key of the run's own; the URLs are the API's (transformUrl), signed with it.
    DELIVERY_KEYS: `bench:${randomBytes(32).toString('base64url')}`,
  });
  const settings = {
    AWS_REGION: local.AWS_REGION,
    S3_ENDPOINT: stack.s3Endpoint,
    DYNAMODB_ENDPOINT: stack.dynamodbEndpoint,
  };
  // The benchmark's own clients (deleting renders, the storage probe), and the naive handler's.
  const credentials = { s3: stack.s3Credentials, dynamo: stack.dynamodbCredentials };
  const bench = createAwsClients(settings, credentials);
  const naiveAws = createAwsClients(settings, credentials);
  const toDarkroom = httpClients(CLIENTS);
  const toNaive = httpClients(CLIENTS);
  let naive: NaiveServer | undefined;
  try {
    ctx.log(`  delivery: uploading ${photos.length} photos × ${copies}, waiting for PROCESSED`);
    const images: Image[] = [];
    for (let copy = 0; copy < copies; copy++) {
      for (const photo of photos) {
        const original = await readFile(photo.path);
        const { imageId } = await upload(stack.graphqlUrl, OWNER, {
          bytes: original,
          name: photo.name,
          contentType: 'image/jpeg',
        });
        images.push({ id: imageId, photo, original, urls: {} as Record<Format, string> });
      }
    }
    await stack.idle();
    const urlField = (format: Format) =>
      `${format}: transformUrl(width: ${BOX}, height: ${BOX}, fit: INSIDE, format: ${format.toUpperCase()}, dpr: 1)`;
    for (const image of images) {
      const { image: found } = await gql<{
        image: ({ status: string } & Record<Format, string | null>) | null;
      }>(
        stack.graphqlUrl,
        OWNER,
        `query($id: ID!) { image(id: $id) { status ${FORMATS.map(urlField).join(' ')} } }`,
        { id: image.id },
      );
      if (found?.status !== 'PROCESSED') {
        throw new Error(`${image.photo.name} (${image.id}) is ${found?.status}, not PROCESSED`);
      }
      for (const format of FORMATS) {
        const url = found[format]!;
        const path = formatPath({
          kind: 'render',
          imageId: image.id,
          generation: 0,
          transform: transform(format),
        });
        if (new URL(url).pathname !== path)
          throw new Error(`transformUrl gave ${url}, not ${path}`);
        image.urls[format] = url;
      }
    }
    const onePerPhoto = images.slice(0, photos.length);
    const requests = (format: Format) => (format === 'avif' ? onePerPhoto : images);
    // Each photo fitted into the box, for the encode alone.
    const fitted = await Promise.all(
      photos.map(async (p) => {
        const { data, info } = await sharp(p.path)
          .resize(BOX, BOX, { fit: 'inside' })
          .raw()
          .toBuffer({ resolveWithObject: true });
        return { data, raw: { width: info.width, height: info.height, channels: info.channels } };
      }),
    );

    naive = await startNaiveServer(naiveAws.s3, local.ORIGINALS_BUCKET);
    const naiveServer = naive;
    const table = new ImageTable(bench.dynamo, local.TABLE_NAME);

    // First renders: every stored render deleted, then one request per image. The transform is
    // fixed (w512_h512_inside_x1), so a key never rendered before is not to be had without
    // changing what is measured; the bucket is the only cache, so emptying renders/ is enough.
    const firstRenders = async (format: Format, list: Image[]) => {
      await deleteAll(bench.s3, local.VARIANTS_BUCKET, RENDERS_PREFIX);
      const before = stack.delivery.renders;
      const load = await drive(list, CLIENTS, (image) => toDarkroom.get(image.urls[format]));
      const rendered = stack.delivery.renders - before;
      if (rendered !== list.length) {
        throw new Error(
          `${LABEL[format]}: ${list.length} first requests made ${rendered} renders, not one each`,
        );
      }
      await checkAnswers(`Darkroom, ${LABEL[format]}`, format, load.results);
      return { pass: pass(load.results, load.wallMs), bodies: load.results.map((a) => a.body) };
    };
    /** `stored`: images whose render of the format is in the bucket. */
    const cachedHits = async (format: Format, stored: Image[], rounds: number) => {
      const before = stack.delivery.renders;
      const list = Array.from({ length: rounds }, () => stored).flat();
      const load = await drive(list, CLIENTS, (image) => toDarkroom.get(image.urls[format]));
      if (stack.delivery.renders !== before) {
        throw new Error(
          `${LABEL[format]}: ${stack.delivery.renders - before} cached requests rendered`,
        );
      }
      await checkAnswers(`Darkroom, ${LABEL[format]} (cached)`, format, load.results);
      return pass(load.results, load.wallMs);
    };
    const naiveRenders = async (format: Format, decode: NaiveDecode, list: Image[]) => {
      const before = naiveServer.renders;
      const load = await drive(list, CLIENTS, (image) =>
        toNaive.get(`${naiveServer.url}/${decode}/${image.id}/${BOX}x${BOX}.${format}`),
      );
      if (naiveServer.renders - before !== list.length) {
        throw new Error(`naive, ${LABEL[format]}: not every request rendered`);
      }
      await checkAnswers(`naive (${decode}), ${LABEL[format]}`, format, load.results);
      return pass(load.results, load.wallMs);
    };
    const timed = async (work: () => Promise<unknown>) => {
      const started = performance.now();
      await work();
      return { ms: performance.now() - started };
    };
    const renderAlone = async (format: Format, list: Image[]) => {
      const load = await drive(list, CLIENTS, (image) =>
        timed(() =>
          renderTransform(
            image.original,
            { transform: transform(format), target: format, faces: [] },
            { maxPixels: 100_000_000, maxSide: 4096, timeoutSeconds: 20 },
          ),
        ),
      );
      return pass(load.results, load.wallMs);
    };
    const encodeAlone = async (format: Format, effort?: number) => {
      const load = await drive(fitted, CLIENTS, (f) =>
        timed(() => encode(sharp(f.data, { raw: f.raw }), format, effort).toBuffer()),
      );
      return pass(load.results, load.wallMs);
    };
    // The delivery function's calls around the render, one after the other per request as it
    // makes them, with the renders' own bodies: what the emulators and base64 cost per render.
    const storageSteps = async (format: Format, list: Image[], bodies: Buffer[]) => {
      const load = await drive(
        list.map((image, i) => ({ image, body: bodies[i]! })),
        CLIENTS,
        async ({ image, body }) => {
          const ms = {} as Record<Step, number>;
          let at = performance.now();
          const lap = (step: Step) => {
            const now = performance.now();
            ms[step] = now - at;
            at = now;
          };
          await bench.s3
            .send(
              new GetObjectCommand({
                Bucket: local.VARIANTS_BUCKET,
                Key: `${RENDERS_PREFIX}${image.id}/0/not-stored.${EXTENSION[format]}`,
              }),
            )
            .then(
              () => {
                throw new Error('the storage probe found an object that should not exist');
              },
              (error: { $metadata?: { httpStatusCode?: number } }) => {
                if (error.$metadata?.httpStatusCode !== 404) throw error;
              },
            );
          lap('bucketMiss');
          await table.get(image.id);
          lap('tableRead');
          const object = await bench.s3.send(
            new GetObjectCommand({ Bucket: local.ORIGINALS_BUCKET, Key: originalKey(image.id) }),
          );
          await object.Body!.transformToByteArray();
          lap('originalRead');
          await bench.s3.send(
            new PutObjectCommand({
              Bucket: local.VARIANTS_BUCKET,
              Key: `${SCRATCH_PREFIX}${image.id}.${EXTENSION[format]}`,
              Body: body,
              ContentType: `image/${format}`,
              CacheControl: IMMUTABLE,
            }),
          );
          lap('renderWrite');
          if (Buffer.from(body.toString('base64'), 'base64').length !== body.length) {
            throw new Error('base64 round trip changed the body');
          }
          lap('base64');
          return ms;
        },
      );
      return load.results;
    };

    // Untimed: the first WebP and AVIF encodes, connections, the table's and bucket's first reads.
    ctx.log('  delivery: warm-up (untimed)');
    const few = images.slice(0, CLIENTS * 2);
    for (const format of FORMATS) {
      await firstRenders(format, few);
      await cachedHits(format, few, 1);
      await naiveRenders(format, 'full', few);
      await naiveRenders(format, 'shrink', few);
    }

    const runs = Object.fromEntries(
      FORMATS.map((f): [Format, FormatRuns] => [
        f,
        {
          darkroom: [],
          hits: [],
          naive: { full: [], shrink: [] },
          alone: [],
          encode: [],
          steps: {
            bucketMiss: [],
            tableRead: [],
            originalRead: [],
            renderWrite: [],
            base64: [],
            all: [],
          },
          bytes: [],
        },
      ]),
    ) as Record<Format, FormatRuns>;
    const avifFast: Pass[] = [];
    for (let run = 1; run <= ctx.options.runs; run++) {
      for (const format of FORMATS) {
        const r = runs[format];
        const list = requests(format);
        const first = await firstRenders(format, list);
        r.darkroom.push(first.pass);
        r.bytes = first.bodies.map((b) => b.length);
        r.hits.push(await cachedHits(format, list, hitRounds));
        r.naive.full.push(await naiveRenders(format, 'full', list));
        r.naive.shrink.push(await naiveRenders(format, 'shrink', list));
        r.alone.push(await renderAlone(format, list));
        r.encode.push(await encodeAlone(format));
        if (format === 'avif') avifFast.push(await encodeAlone(format, IMGPROXY_AVIF_EFFORT));
        const steps = await storageSteps(format, list, first.bodies);
        for (const step of STEPS)
          r.steps[step].push(
            quantile(
              steps.map((s) => s[step]),
              0.5,
            ),
          );
        r.steps.all.push(
          quantile(
            steps.map((s) => STEPS.reduce((sum, step) => sum + s[step], 0)),
            0.5,
          ),
        );
        const rate = (p: Pass[]) => `${p.at(-1)!.perSecond.toFixed(1)}/s`;
        ctx.log(
          `  delivery: run ${run}/${ctx.options.runs} ${LABEL[format]}: Darkroom ${rate(r.darkroom)}, naive ${rate(r.naive.full)} (full decode) ${rate(r.naive.shrink)} (shrink-on-load), render alone ${rate(r.alone)}; hits p50 ${formatMs(quantile(r.hits.at(-1)!.latencies, 0.5))}`,
        );
      }
    }
    await deleteAll(bench.s3, local.VARIANTS_BUCKET, RENDERS_PREFIX);
    await deleteAll(bench.s3, local.VARIANTS_BUCKET, SCRATCH_PREFIX);

    return report(ctx, {
      photos,
      copies,
      hitRounds,
      requests: Object.fromEntries(FORMATS.map((f) => [f, requests(f).length])) as Record<
        Format,
        number
      >,
      runs,
      avifFast,
    });
  } finally {
    toDarkroom.close();
    toNaive.close();
    await naive?.close();
    await stack.stop();
    for (const clients of [bench, naiveAws]) {
      clients.s3.destroy();
      clients.dynamo.destroy();
    }
  }
}

function report(
  ctx: BenchContext,
  m: {
    photos: Photo[];
    copies: number;
    hitRounds: number;
    requests: Record<Format, number>;
    runs: Record<Format, FormatRuns>;
    avifFast: Pass[];
  },
): SectionResult {
  const runCount = ctx.options.runs;
  const r = m.runs;
  const rates = (p: Pass[]): Summary => summarize(p.map((x) => x.perSecond));
  const median = (p: Pass[]) => rates(p).median;
  const p50 = (p: Pass[], q = 0.5): Summary => summarize(p.map((x) => quantile(x.latencies, q)));
  const bestMedian = (s: Summary) => `${s.max.toFixed(1)} / ${s.median.toFixed(1)}`;
  const times = (n: number) => `${n.toFixed(2)}×`;
  const perRequest = FORMATS.map((f) => `${m.requests[f]} for ${LABEL[f]}`).join(', ');

  const renders: Table = {
    caption: `First renders per second, best / median of ${runCount} runs (requests per run: ${perRequest}; ${CLIENTS} clients)`,
    head: [
      '',
      'Darkroom',
      'target',
      'Darkroom ÷ target',
      'imgproxy, c7i.large',
      'Darkroom ÷ imgproxy',
      'naive sharp, full decode',
      'Darkroom ÷ naive',
      'naive sharp, shrink-on-load',
      'Darkroom ÷ it',
    ],
    rows: FORMATS.map((f) => {
      const d = median(r[f].darkroom);
      return [
        LABEL[f],
        bestMedian(rates(r[f].darkroom)),
        `≥ ${TARGET_PER_SECOND[f]}`,
        times(d / TARGET_PER_SECOND[f]),
        IMGPROXY_PER_SECOND[f].toFixed(1),
        times(d / IMGPROXY_PER_SECOND[f]),
        bestMedian(rates(r[f].naive.full)),
        times(d / median(r[f].naive.full)),
        bestMedian(rates(r[f].naive.shrink)),
        times(d / median(r[f].naive.shrink)),
      ];
    }),
  };
  const hits: Table = {
    caption: `Cached hits (the stored render, read from the bucket by the front), min / median of ${runCount} runs of ${m.hitRounds} rounds over the stored renders`,
    head: ['', 'p50', 'p95', 'requests/s (best / median)', 'target p50'],
    rows: FORMATS.map((f) => [
      LABEL[f],
      minMedian(p50(r[f].hits), formatMs),
      minMedian(p50(r[f].hits, 0.95), formatMs),
      bestMedian(rates(r[f].hits)),
      `< ${HIT_P50_LIMIT_MS} ms`,
    ]),
  };
  const where: Table = {
    caption: `Where a first render's time goes: p50 per request with ${CLIENTS} at once, min / median of ${runCount} runs`,
    head: [
      '',
      'Darkroom over HTTP',
      'the render alone (renderTransform)',
      'its encode alone',
      'storage calls + base64',
      'naive, full decode',
      'naive, shrink-on-load',
      'answer size (median)',
    ],
    rows: FORMATS.map((f) => [
      LABEL[f],
      minMedian(p50(r[f].darkroom), formatMs),
      minMedian(p50(r[f].alone), formatMs),
      minMedian(p50(r[f].encode), formatMs),
      minMedian(summarize(r[f].steps.all), formatMs),
      minMedian(p50(r[f].naive.full), formatMs),
      minMedian(p50(r[f].naive.shrink), formatMs),
      `${(summarize(r[f].bytes).median / 1000).toFixed(1)} kB`,
    ]),
  };
  const steps: Table = {
    caption: `The delivery function's calls around the render, made on their own with the same SDK against the same emulators, ${CLIENTS} at once: p50, min / median of ${runCount} runs`,
    head: ['', ...FORMATS.map((f) => LABEL[f])],
    rows: [
      ...STEPS.map((step) => [
        STEP_LABEL[step],
        ...FORMATS.map((f) => minMedian(summarize(r[f].steps[step]), fineMs)),
      ]),
      [
        'all of them, one after the other',
        ...FORMATS.map((f) => minMedian(summarize(r[f].steps.all), formatMs)),
      ],
    ],
  };

  const rateText = (p: Pass[]) => `${median(p).toFixed(1)}/s`;
  const ms = (p: Pass[]) => formatMs(p50(p).median);
  const avifEffort4 = p50(r.avif.encode).median;
  const avifEffort1 = p50(m.avifFast).median;
  const why = (f: Format): string => {
    const first = p50(r[f].darkroom).median;
    const storage = summarize(r[f].steps.all).median;
    const parts: string[] = [];
    if (f === 'avif') {
      parts.push(
        `the encode is nearly all of it: src/imaging/render.ts encode() leaves AVIF at libvips' default effort (4), ${formatMs(avifEffort4)} per encode here (p50, ${CLIENTS} at once) of a first render's ${formatMs(first)}; at effort ${IMGPROXY_AVIF_EFFORT}, imgproxy's default (IMGPROXY_AVIF_SPEED=8), the same encode takes ${formatMs(avifEffort1)}`,
      );
    } else {
      parts.push(
        `a first render over HTTP takes ${formatMs(first)} (p50, ${CLIENTS} at once); the render alone (renderTransform in this process, from the original in memory) ${ms(r[f].alone)}, of which the encode ${ms(r[f].encode)}, and by itself makes ${rateText(r[f].alone)}${median(r[f].alone) < TARGET_PER_SECOND[f] ? ', short of the target too' : ''}; the delivery function's storage calls on the emulators (the front's bucket miss, the table read, reading the original, storing the render) take ${formatMs(storage)} made on their own (base64 of the answer: ${fineMs(summarize(r[f].steps.base64).median)}), and s3rver, the front and the load generator run on this process's main thread (DynamoDB Local in its JVM), beside sharp on the ${CLIENTS} cores`,
      );
    }
    parts.push(
      `the naive handler made ${rateText(r[f].naive.full)} (full decode) and ${rateText(r[f].naive.shrink)} (shrink-on-load)`,
    );
    return parts.join('; ');
  };
  // Every format's hits of a run together; the median of the runs.
  const hitP50 = summarize(
    r.jpeg.hits.map((_, run) =>
      quantile(
        FORMATS.flatMap((f) => r[f].hits[run]!.latencies),
        0.5,
      ),
    ),
  ).median;
  const targets: Target[] = [
    ...FORMATS.map((f): Target => ({
      what: `On-demand first renders to ${LABEL[f]}, 2–4 MP into 512×512, ${CLIENTS} clients`,
      comparison: '>=',
      threshold: TARGET_PER_SECOND[f],
      value: median(r[f].darkroom),
      unit: 'rate',
      why: why(f),
    })),
    {
      what: 'On-demand cached hit, p50 (every format)',
      comparison: '<',
      threshold: HIT_P50_LIMIT_MS,
      value: hitP50,
      unit: 'ms',
      why: `a hit is the front's signature check and one GetObject from s3rver, which reads the bucket's CORS and website settings and the object's metadata from disk on every request before the object itself, all on the main thread the load generator shares; on AWS, CloudFront answers hits from its own cache`,
    },
  ];

  return {
    id: 'delivery',
    title: TITLE,
    method: [
      `The embedded default (startStack, ANALYZER=none) on free ports with a fresh data folder, in the benchmark's process. The bench set's ${m.photos.length} JPEG photographs of 2 to 4 MP, each uploaded ${m.copies} times as separate images (AVIF passes take one of each), processed; then for each format in turn, GET \`/t/{id}/0/w512_h512_inside_x1.{jpeg,webp,avif}\` (fit inside 512×512) at the URL transformUrl signs, from ${CLIENTS} clients over keep-alive HTTP, each sending its next request when its last answer is in, one request per image. The local front verifies the signature, misses in the variants bucket (s3rver) and calls the delivery function, which reads the image's record (DynamoDB Local) and its original, renders, stores the render under renders/ and returns it base64-encoded.`,
      `First renders only: every stored render is deleted before each pass (the transform is fixed, so keys never rendered before are not to be had without changing what is measured, and the bucket is the only cache), and stack.delivery.renders must have counted one render per request. Cached hits: the same URLs again, ${m.hitRounds} rounds, with no render counted. Every answer is checked: a 200 of the format asked for, fitted into the box.`,
      `The naive handler: a bare node:http server in the same process, per request a GetObject of the original from the same bucket, sharp, resize into 512×512 (inside), encode, return the body; no signature, no table, nothing stored, no single-flight. It encodes at Darkroom's settings (quality ${NAIVE_QUALITY}, progressive JPEG; AVIF at quality ${NAIVE_AVIF_QUALITY}, as encode() scales it; libvips' default effort). "Full decode" decodes the whole original to raw pixels first and resizes those, as the issue words it; "shrink-on-load" is the one-liner sharp(input).resize(…), where libvips decodes the JPEG at 1/2 to 1/8 scale, as Darkroom's own decode does.`,
      `Passes take turns, format by format and run by run; the load generator, the stack, its emulators and the naive handler share this process and the machine's ${CLIENTS} cores. The render alone, the encode alone and the storage calls are measured the same way, ${CLIENTS} at once, to show where a first render's time goes.`,
    ],
    tables: [renders, hits, where, steps],
    notes: [
      "imgproxy's figures are its published ones for the same job on a 2-vCPU c7i.large, another machine: a ratio against them compares machines as well as software.",
      `AVIF: ${formatMs(avifEffort4)} per encode at libvips' default effort 4 (what encode() asks for, by not setting one), ${formatMs(avifEffort1)} at effort ${IMGPROXY_AVIF_EFFORT}, imgproxy's default (IMGPROXY_AVIF_SPEED=8, passed to libvips as effort 9 − speed), p50 with ${CLIENTS} at once: ${(avifEffort4 / avifEffort1).toFixed(1)}×. imgproxy's published figure, if made at its defaults, encoded at effort 1 or 0.`,
      "JPEG: Darkroom and the naive handler encode progressive JPEG (Darkroom's setting); imgproxy's default is baseline.",
    ],
    targets,
  };
}
