import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack } from '../../../src/local/stack.js';
import type { ProcessOutcome } from '../../../src/processor/process-upload.js';
import { contentTypeOf, gql, upload } from '../api-client.js';
import type { Photo } from '../inputs.js';
import type { BenchContext, SectionResult } from '../section.js';
import { formatMs, minMedian, quantile, summarize } from '../stats.js';

const OWNER = 'bench-embedded';
const QUICK_PHOTOS = 8;

interface Timings {
  totalMs?: number | null;
  decodeMs?: number | null;
  analysisMs?: number | null;
  variantsMs?: number | null;
}

interface Sample {
  photo: string;
  /** Refused by moderation (the local analyser's false positives): no variants, left out. */
  rejected?: string;
  latencyMs: number;
  uploadMs: number;
  timings: Timings;
}

/**
 * The embedded default as `npm start` runs it (its default analyser included), driven through
 * the public API: for each photo, a ticket, the upload, and the time until the image is
 * PROCESSED, one photo at a time.
 */
export async function embeddedSection(ctx: BenchContext): Promise<SectionResult> {
  const photos: Photo[] = ctx.options.quick
    ? ctx.photos.large.slice(0, QUICK_PHOTOS)
    : ctx.photos.large.slice(0, 20);
  const dataDir = await mkdtemp(join(tmpdir(), 'darkroom-bench-embedded-'));
  // Resolved by the processor itself the moment it has written the terminal state.
  const waiting = new Map<string, (outcome: ProcessOutcome) => void>();
  const stack = await startStack(
    {
      ...process.env,
      PORT: '0',
      S3_PORT: '0',
      DYNAMODB_PORT: '0',
      DYNAMODB_IN_MEMORY: 'true', // a throwaway table: no disk writes to wait on
      DATA_DIR: dataDir,
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'ERROR',
    },
    {
      onOutcome: (outcome) => {
        if (outcome.outcome === 'finished') waiting.get(outcome.imageId)?.(outcome);
      },
    },
  );
  try {
    const analyzer = process.env.ANALYZER ?? 'local (the default)';
    const one = async (photo: Photo): Promise<Sample> => {
      const bytes = await readFile(photo.path);
      let done!: (outcome: ProcessOutcome) => void;
      const finished = new Promise<ProcessOutcome>((resolve) => (done = resolve));
      // The id is only known from the ticket, so the hook is armed right after the upload
      // returns; an image finishing before that is caught by the status check below.
      const uploaded = await upload(stack.graphqlUrl, OWNER, {
        bytes,
        name: photo.name,
        contentType: contentTypeOf(photo.name),
      });
      waiting.set(uploaded.imageId, done);
      const { image } = await gql<{ image: { status: string; timings: Timings | null } | null }>(
        stack.graphqlUrl,
        OWNER,
        'query($id: ID!) { image(id: $id) { status } }',
        { id: uploaded.imageId },
      );
      let finishedAt: number;
      if (image && image.status !== 'PENDING_UPLOAD' && image.status !== 'PROCESSING') {
        finishedAt = performance.now(); // already done: an upper bound
      } else {
        const outcome = await finished;
        finishedAt = performance.now();
        if (outcome.outcome === 'finished' && outcome.status === 'REJECTED') {
          waiting.delete(uploaded.imageId);
          return {
            photo: photo.name,
            rejected: outcome.error ?? 'rejected',
            latencyMs: 0,
            uploadMs: 0,
            timings: {},
          };
        }
      }
      waiting.delete(uploaded.imageId);
      const after = await gql<{ image: { status: string; timings: Timings | null } }>(
        stack.graphqlUrl,
        OWNER,
        'query($id: ID!) { image(id: $id) { status timings { totalMs decodeMs analysisMs variantsMs } } }',
        { id: uploaded.imageId },
      );
      if (after.image.status !== 'PROCESSED') {
        throw new Error(`${photo.name} is ${after.image.status}, not PROCESSED`);
      }
      return {
        photo: photo.name,
        latencyMs: finishedAt - uploaded.uploadedAt,
        uploadMs: uploaded.uploadMs,
        timings: after.image.timings ?? {},
      };
    };

    ctx.log('  embedded: first image (loads the analyser)');
    const first = await one(photos[0]!);
    const runs: Sample[][] = [];
    const rejected = new Map<string, string>();
    for (let run = 1; run <= ctx.options.runs; run++) {
      const all: Sample[] = [];
      for (const photo of photos) all.push(await one(photo));
      for (const s of all) if (s.rejected) rejected.set(s.photo, s.rejected);
      const samples = all.filter((s) => !s.rejected);
      runs.push(samples);
      ctx.log(
        `  embedded: run ${run}/${ctx.options.runs}: p50 ${formatMs(
          quantile(
            samples.map((s) => s.latencyMs),
            0.5,
          ),
        )}`,
      );
    }

    const perRun = (f: (s: Sample) => number, p: number) =>
      summarize(runs.map((samples) => quantile(samples.map(f), p)));
    const latency50 = perRun((s) => s.latencyMs, 0.5);
    const latency95 = perRun((s) => s.latencyMs, 0.95);
    const t = (k: keyof Timings) => (s: Sample) => s.timings[k] ?? 0;
    const work = (s: Sample) => t('decodeMs')(s) + t('analysisMs')(s) + t('variantsMs')(s);
    const share = summarize(
      runs.map(
        (samples) =>
          quantile(samples.map(work), 0.5) /
          quantile(
            samples.map((s) => s.latencyMs),
            0.5,
          ),
      ),
    );
    const rows: [string, ReturnType<typeof summarize>][] = [
      ['upload → PROCESSED, p50', latency50],
      ['upload → PROCESSED, p95', latency95],
      ['processor, claim → result (timings.totalMs), p50', perRun(t('totalMs'), 0.5)],
      ['  decode, p50', perRun(t('decodeMs'), 0.5)],
      ['  analysis, p50', perRun(t('analysisMs'), 0.5)],
      ['  variants, p50', perRun(t('variantsMs'), 0.5)],
      ['the upload itself (POST), p50', perRun((s) => s.uploadMs, 0.5)],
    ];
    return {
      id: 'embedded',
      title: 'Embedded default: upload to PROCESSED',
      method: [
        `\`npm start\`'s stack (startStack: s3rver, DynamoDB Local, the processor on object-created events, the events handler on the table stream; analyser: ${analyzer}) on free ports with a fresh data folder, driven through the public API by the benchmark in the same process. ${photos.length} photos (2 to 5 MP), one at a time: a ticket, the presigned POST, then the time from the POST's answer to the processor having written PROCESSED (taken from the stack's outcome hook, not by polling). The image's own timings come from the \`image\` query. One image first, untimed, loads the analyser's models.`,
      ],
      tables: [
        {
          caption: `${photos.length} photos per run; min / median over ${ctx.options.runs} runs of each run's percentile`,
          head: ['', 'min / median'],
          rows: rows.map(([label, s]) => [label, minMedian(s, formatMs)]),
        },
      ],
      notes: [
        `Processing (decode + analysis + variants) is ${(100 * share.median).toFixed(0)} % of the median latency; the rest is the S3 event, the claim, reading the original, storing the variants and the table writes, all on emulators in this one process.`,
        first.rejected
          ? `The first image (models loading) was rejected by moderation.`
          : `The first image took ${formatMs(first.latencyMs)} (analysis ${formatMs(first.timings.analysisMs ?? 0)}), the analyser's models loading.`,
        ...[...rejected].map(
          ([photo, reason]) =>
            `${photo} ended REJECTED (${reason}): a false positive of the local moderation model on a photo with no people in it; it is left out of the figures.`,
        ),
      ],
      targets: [],
    };
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
