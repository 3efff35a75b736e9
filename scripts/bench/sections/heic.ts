import { phonePair } from '../inputs.js';
import type { BenchContext, SectionResult } from '../section.js';
import { formatMs, minMedian, type Summary } from '../stats.js';
import { pipelineRuns } from './pipeline-runs.js';

const RSS_LIMIT_MB = 450;

/** A 12-megapixel phone photo as HEIC beside the same picture as JPEG. */
export async function heicSection(ctx: BenchContext): Promise<SectionResult> {
  const base = {
    id: 'heic' as const,
    title: 'A 12-megapixel HEIC, beside the same picture as JPEG',
  };
  ctx.log('  12 MP HEIC: preparing the inputs (cached after the first time)');
  const pair = await phonePair(ctx.photos.large);
  if (!pair) {
    return {
      ...base,
      method: [],
      tables: [],
      notes: ['Skipped: heif-enc is not installed (Debian: apt-get install libheif-examples).'],
      targets: [],
    };
  }
  const heic = await pipelineRuns(ctx, pair.heic.path, '12 MP HEIC');
  const jpeg = await pipelineRuns(ctx, pair.jpeg.path, '12 MP JPEG');
  const mb = (n: number) => `${n.toFixed(0)} MB`;
  const ratio = (a: Summary | undefined, b: Summary | undefined) =>
    a && b ? `${(a.median / b.median).toFixed(1)}×` : 'n/a';
  const row = (
    what: string,
    h: Summary | undefined,
    j: Summary | undefined,
    f: (n: number) => string,
  ) => [
    what,
    h ? minMedian(h, f) : 'n/a (GNU time missing)',
    j ? minMedian(j, f) : 'n/a (GNU time missing)',
    ratio(h, j),
  ];
  return {
    ...base,
    method: [
      `${pair.jpeg.description} (${(pair.jpeg.bytes / 1e6).toFixed(1)} MB), and ${pair.heic.description} (${(pair.heic.bytes / 1e6).toFixed(1)} MB). Darkroom's pipeline (read, decode once, every default output) in a fresh Node process per run; peak RSS of that process, Node itself included. The HEIC is decoded by libheif-js (WebAssembly) in a worker thread, then read by libvips as a TIFF; the JPEG by libvips alone.`,
    ],
    tables: [
      {
        head: ['min / median', 'HEIC', 'JPEG', 'HEIC ÷ JPEG'],
        rows: [
          row('time', heic.ms, jpeg.ms, formatMs),
          row('of which the decode', heic.decodeMs, jpeg.decodeMs, formatMs),
          row('of which the variants', heic.variantsMs, jpeg.variantsMs, formatMs),
          row('peak RSS', heic.rss, jpeg.rss, mb),
        ],
      },
    ],
    notes: [
      'The JPEG decode is libvips shrinking on load (DCT scaling to what the largest output needs); a HEVC picture has no such shortcut, so the HEIC is decoded at full size, single-threaded in WebAssembly, and its 12 MP raster is held twice for a moment (in the WebAssembly heap, then in the TIFF libvips reads). The worker ends after each decode, giving that heap back.',
    ],
    targets: [
      {
        what: 'Peak RSS, 12 MP HEIC',
        comparison: '<=',
        threshold: RSS_LIMIT_MB,
        value: heic.rss?.median,
        unit: 'MB',
        why: heic.rss
          ? `peak ${mb(heic.rss.median)}, against ${jpeg.rss ? mb(jpeg.rss.median) : 'n/a'} for the JPEG`
          : 'GNU time (package `time`) is not installed',
      },
    ],
  };
}
