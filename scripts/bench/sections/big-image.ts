import { bigJpeg } from '../inputs.js';
import type { BenchContext, SectionResult } from '../section.js';
import { formatMs, minMedian } from '../stats.js';
import { pipelineRuns } from './pipeline-runs.js';

const RSS_LIMIT_MB = 350;

/** One 50-megapixel JPEG through Darkroom's pipeline, in a fresh process each run. */
export async function bigImageSection(ctx: BenchContext): Promise<SectionResult> {
  ctx.log('  50 MP: preparing the input (cached after the first time)');
  const big = await bigJpeg(ctx.photos.large);
  const { ms: time, decodeMs, variantsMs, rss } = await pipelineRuns(ctx, big.path, '50 MP');
  const mb = (n: number) => `${n.toFixed(0)} MB`;
  return {
    id: 'big',
    title: 'A 50-megapixel JPEG',
    method: [
      `${big.width}×${big.height} (${((big.width * big.height) / 1e6).toFixed(1)} MP), ${(big.bytes / 1e6).toFixed(1)} MB: ${big.description}. Darkroom's pipeline (read, decode once, every default output) in a fresh Node process per run; peak RSS of that process, Node itself included.`,
    ],
    tables: [
      {
        head: ['', 'min / median'],
        rows: [
          ['time', minMedian(time, formatMs)],
          ['of which the decode', minMedian(decodeMs, formatMs)],
          ['of which the variants', minMedian(variantsMs, formatMs)],
          ['peak RSS', rss ? minMedian(rss, mb) : 'n/a (GNU time missing)'],
        ],
      },
    ],
    notes: [
      'libvips shrinks JPEGs while decoding (DCT scaling), so the working copy is only as large as the largest output needs; the full 50 MP raster is never in memory.',
    ],
    targets: [
      {
        what: 'Peak RSS, 50 MP JPEG',
        comparison: '<=',
        threshold: RSS_LIMIT_MB,
        value: rss?.median,
        unit: 'MB',
        why: rss
          ? `peak ${mb(rss.median)}: the decode's buffers plus Node's own baseline`
          : 'GNU time (package `time`) is not installed',
      },
    ],
  };
}
