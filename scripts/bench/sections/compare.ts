import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { contenders, type Contender, type ContenderId, type ContenderRun } from '../contenders.js';
import type { ImagesJob } from '../drivers/job.js';
import type { Photo } from '../inputs.js';
import { compareOutputs, readOutputs } from '../outputs.js';
import type { BenchContext, SectionResult, Table } from '../section.js';
import { formatMs, minMedian, speedup, summarize, type Summary, type Target } from '../stats.js';

/** The processor's default limit; none of the photos comes near it. */
export const MAX_PIXELS = 100_000_000;

/** Darkroom's speed relative to each contender that the issue sets a floor for. */
const FLOORS: Partial<Record<ContenderId, number>> = {
  vipsthumbnail: 0.9,
  pillow: 5,
  imagemagick: 5,
  'sharp-per-output': 2,
};

const QUICK_PHOTOS = 8;

/** Every photo, or in --quick an even spread of QUICK_PHOTOS over the sorted list. */
function pick(photos: Photo[], quick: boolean): Photo[] {
  if (!quick || photos.length <= QUICK_PHOTOS) return photos;
  const step = photos.length / QUICK_PHOTOS;
  return Array.from({ length: QUICK_PHOTOS }, (_, i) => photos[Math.floor(i * step)]!);
}

async function fresh(dir: string): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  return dir;
}

interface Measured {
  contender: Contender;
  version: string;
  runs: ContenderRun[];
  /** How its files differ from Darkroom's, from its first timed run. */
  differences: string[];
  failed?: string;
}

const perImage = (runs: ContenderRun[], images: number): Summary =>
  summarize(runs.map((r) => r.ms / images));

/**
 * The same outputs from the same files by Darkroom and each alternative. Darkroom runs once
 * untimed first; then the timed runs, taking turns so that a busy moment of the machine is shared
 * out. Each contender's files from its first run are checked against Darkroom's.
 */
export async function compareSection(
  ctx: BenchContext,
  set: 'large' | 'small',
): Promise<SectionResult> {
  const photos = set === 'large' ? pick(ctx.photos.large, ctx.options.quick) : ctx.photos.small;
  const files = photos.map((p) => p.path);
  const outRoot = join(ctx.scratch, `out-${set}`);
  const job = (outDir: string): ImagesJob => ({
    files,
    outputs: ctx.outputs.outputs,
    outDir,
    maxPixels: MAX_PIXELS,
  });

  const measured: Measured[] = [];
  const skipped: string[] = [];
  for (const contender of contenders(() => ctx.drivers)) {
    const found = await contender.detect();
    if (found.ok) measured.push({ contender, version: found.version, runs: [], differences: [] });
    else skipped.push(`${contender.label}: ${found.why}`);
  }

  // Darkroom once untimed: it reads every photo into the page cache for everyone, and its files
  // are the reference the others' are checked against (from their first timed run).
  ctx.log(`  ${set}: first run of Darkroom (untimed: fills the page cache, makes the reference)`);
  const referenceDir = await fresh(join(outRoot, 'reference'));
  await measured[0]!.contender.run(job(referenceDir), ctx.scratch);
  const reference = await readOutputs(referenceDir);

  for (let run = 1; run <= ctx.options.runs; run++) {
    for (const m of measured.filter((x) => !x.failed)) {
      const dir = await fresh(join(outRoot, m.contender.id));
      try {
        const result = await m.contender.run(job(dir), ctx.scratch);
        m.runs.push(result);
        if (run === 1) m.differences = compareOutputs(reference, await readOutputs(dir));
        ctx.log(
          `  ${set}: run ${run}/${ctx.options.runs} ${m.contender.label}: ${formatMs(result.ms / files.length)} per image`,
        );
      } catch (error) {
        if (m.contender.id === 'darkroom') throw error;
        m.failed = error instanceof Error ? error.message : String(error);
      }
    }
  }

  const darkroom = measured.find((m) => m.contender.id === 'darkroom')!;
  const darkroomMs = perImage(darkroom.runs, files.length).median;
  const ok = measured.filter((m) => !m.failed && m.runs.length > 0);

  const table: Table = {
    caption: `${files.length} photos, ${ctx.outputs.outputs.reduce((n, o) => n + o.formats.length, 0)} outputs each; min / median of ${ctx.options.runs} runs`,
    head: [
      '',
      'per image (min / median)',
      'images/s (best / median)',
      'peak RSS (min / median)',
      "Darkroom's speed-up (median)",
      'target',
    ],
    rows: ok.map((m) => {
      const t = perImage(m.runs, files.length);
      const rss = m.runs.flatMap((r) => (r.peakRssMb === undefined ? [] : [r.peakRssMb]));
      const floor = FLOORS[m.contender.id];
      return [
        m.contender.label,
        minMedian(t, formatMs),
        `${(1000 / t.min).toFixed(1)} / ${(1000 / t.median).toFixed(1)}`,
        rss.length ? minMedian(summarize(rss), (n) => `${n.toFixed(0)} MB`) : 'n/a',
        m.contender.id === 'darkroom' ? '1×' : `${speedup(t.median, darkroomMs).toFixed(2)}×`,
        floor === undefined || set === 'small' ? '' : `≥ ${floor}×`,
      ];
    }),
  };
  const how: Table = {
    caption: 'What each one runs',
    head: ['', 'version', 'how'],
    rows: measured.map((m) => [m.contender.label, m.version, m.contender.how]),
  };

  const decodeShare = summarize(
    darkroom.runs.map((r) => (r.decodeMs ?? 0) / ((r.decodeMs ?? 0) + (r.variantsMs ?? 0) || 1)),
  ).median;
  const darkroomDecode = summarize(
    darkroom.runs.map((r) => (r.decodeMs ?? 0) / files.length),
  ).median;
  const darkroomVariants = summarize(
    darkroom.runs.map((r) => (r.variantsMs ?? 0) / files.length),
  ).median;

  const notes: string[] = [
    `Darkroom's time per image splits into the single decode, ${formatMs(darkroomDecode)}, and making the ${ctx.outputs.outputs.reduce((n, o) => n + o.formats.length, 0)} variants from it, ${formatMs(darkroomVariants)} (${(100 * (1 - decodeShare)).toFixed(0)} %): resizing and encoding, which every contender does as well.`,
    'Images/s is shown at the best run and at the median; "per image" is the time from the first file read to the last output written, over all the photos, divided by their number.',
  ];
  for (const m of measured) {
    if (m.failed) notes.push(`${m.contender.label} failed and is left out: ${m.failed}`);
    if (m.differences.length > 0) {
      notes.push(
        `${m.contender.label}'s outputs differ from Darkroom's (${m.differences.length}): ${m.differences.slice(0, 5).join('; ')}${m.differences.length > 5 ? '; …' : ''}`,
      );
    }
  }
  if (skipped.length)
    notes.push(`Skipped (not installed; see scripts/bench/setup.sh): ${skipped.join('; ')}.`);
  if (ok.every((m) => m.differences.length === 0) && ok.length > 1) {
    notes.push(
      'Every contender wrote the same files as Darkroom: names, formats and sizes (±1 px for rounding).',
    );
  }

  const targets: Target[] =
    set === 'small'
      ? []
      : (Object.entries(FLOORS) as [ContenderId, number][]).map(([id, floor]) => {
          const m = measured.find((x) => x.contender.id === id);
          const label = m?.contender.label ?? id;
          const value =
            m && !m.failed && m.runs.length > 0
              ? speedup(perImage(m.runs, files.length).median, darkroomMs)
              : undefined;
          return {
            what: `Darkroom's speed ÷ ${label}'s`,
            comparison: '>=',
            threshold: floor,
            value,
            unit: 'ratio',
            why:
              value === undefined
                ? (m?.failed ?? skipped.find((s) => s.startsWith(label)) ?? 'not measured')
                : whyMissed(id, { darkroomMs, decodeShare, darkroomDecode, darkroomVariants }),
          } satisfies Target;
        });

  return {
    id: set === 'large' ? 'compare' : 'small',
    title:
      set === 'large'
        ? 'Darkroom against the alternatives'
        : 'The same on small photos (under 2 megapixels; no targets)',
    method: [
      set === 'large'
        ? `The default preset's outputs from the same ${files.length} photos (2 megapixels and more), made five ways. Each run of each contender is one child process that reads every photo and writes every output to a scratch folder, one photo after the other; its time runs from the first read to the last write (an interpreter's start-up and imports are left out, every command-line call is in), its peak RSS is GNU time's %M for that process tree (the largest single process). Darkroom's figure is its pipeline alone: analysis, fingerprints and storage are other steps.`
        : `The scikit-image, scikit-learn and smaller wallpaper photos (${files.length}), measured the same way. At this size there is little to shrink on load, so decoding once matters less; shown for completeness.`,
    ],
    tables: set === 'large' ? [table, how] : [table],
    notes,
    targets,
  };
}

function whyMissed(
  id: ContenderId,
  d: { darkroomMs: number; decodeShare: number; darkroomDecode: number; darkroomVariants: number },
): string {
  const variantsShare = `${(100 * (1 - d.decodeShare)).toFixed(0)} %`;
  switch (id) {
    case 'sharp-per-output':
      return `both make the same variants with the same libvips and settings, and making them (resize + encode) is ${variantsShare} of Darkroom's time per image (${formatMs(d.darkroomVariants)} of ${formatMs(d.darkroomMs)}); decoding once can only save the repeated decodes, and JPEG shrink-on-load makes each of sharp's per-output decodes a fraction of a full one`;
    case 'vipsthumbnail':
      return `vipsthumbnail is libvips with nothing around it: it shrinks on load straight to each output's size and streams; Darkroom decodes once to the largest output's size and resizes from memory, and runs in Node (a different libvips build: sharp's own, versus Debian's)`;
    case 'pillow':
      return `Image.thumbnail is Pillow's fast path: libjpeg decodes at 1/2 to 1/8 scale (draft mode) and an integer reduce comes before the bicubic pass, so its six decodes of a photo cost little more than Darkroom's one; what remains is making the variants, ${variantsShare} of Darkroom's time, where Darkroom does more per output (Lanczos resampling, the attention crop) and gains from encoding in parallel only when a core is free (Pillow is single-threaded, so a busy machine narrows the gap). A 5× floor fits a tutorial that decodes the whole image per output (Image.open + resize), not thumbnail`;
    case 'imagemagick':
      return `ImageMagick decodes each output from the full-size image and starts a process per output, but resizes with several threads per call; making the variants is ${variantsShare} of Darkroom's time, and Darkroom's parallel encoding gains little when other work holds the cores`;
    default:
      return `making the variants (resize + encode) is ${variantsShare} of Darkroom's time per image`;
  }
}
