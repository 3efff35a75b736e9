/**
 * `npm run bench`: Darkroom's speed and memory against its alternatives and its own targets, in
 * one run, written to docs/BENCHMARKS.md with a description of the machine. See --help and
 * docs/BENCHMARKS.md's last section. Not part of `npm test`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { startStack, type Stack } from '../../src/local/stack.js';
import { contenders } from './contenders.js';
import { bundleDrivers, ROOT } from './drivers.js';
import { loadPhotos } from './inputs.js';
import { describeMachine } from './machine.js';
import { parseOptions } from './options.js';
import { comparedOutputs } from './outputs.js';
import { renderMarkdown, renderSummary, type ReportInput } from './report.js';
import type { BenchContext, SectionId, SectionResult } from './section.js';
import { apiLambdaSection } from './sections/api-lambda.js';
import { bigImageSection } from './sections/big-image.js';
import { bombSection } from './sections/bomb.js';
import { compareSection } from './sections/compare.js';
import { concurrencySection } from './sections/concurrency.js';
import { deliverySection } from './sections/delivery.js';
import { embeddedSection } from './sections/embedded.js';
import { heicSection } from './sections/heic.js';
import { metricsSection } from './sections/metrics.js';

const RUNNERS: Record<SectionId, (ctx: BenchContext) => Promise<SectionResult>> = {
  compare: (ctx) => compareSection(ctx, 'large'),
  small: (ctx) => compareSection(ctx, 'small'),
  big: bigImageSection,
  heic: heicSection,
  bomb: bombSection,
  concurrency: concurrencySection,
  api: apiLambdaSection,
  metrics: metricsSection,
  embedded: embeddedSection,
  delivery: deliverySection,
};

async function main(): Promise<number> {
  const parsed = parseOptions(process.argv.slice(2), join(ROOT, 'docs', 'BENCHMARKS.md'));
  if ('message' in parsed) {
    (parsed.exitCode ? console.error : console.log)(parsed.message);
    return parsed.exitCode;
  }
  const options = parsed;
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  const startedAt = new Date();
  const started = performance.now();
  const log = (message: string) =>
    console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

  const machine = await describeMachine();
  log(
    `${machine.cpu}, ${machine.cores} cores, load ${machine.loadAtStart[0].toFixed(1)}; ${options.runs} runs; parts: ${options.sections.join(', ')}`,
  );
  const photos = await loadPhotos();
  const outputs = comparedOutputs();
  log(
    `${photos.large.length} photos of 2+ MP, ${photos.small.length} smaller; bundling the drivers`,
  );
  const drivers = await bundleDrivers();
  const tools: [string, string][] = [];
  for (const c of contenders(() => drivers).filter(
    (c) => c.id !== 'darkroom' && c.id !== 'sharp-per-output',
  )) {
    const found = await c.detect();
    tools.push([c.label, found.ok ? found.version : `missing: ${found.why}`]);
  }

  const scratch = await mkdtemp(join(tmpdir(), 'darkroom-bench-'));
  let stack: Promise<Stack> | undefined;
  const ctx: BenchContext = {
    options,
    photos,
    outputs,
    drivers,
    scratch,
    log,
    stack: () =>
      (stack ??= startStack({
        ...process.env,
        PORT: '0',
        S3_PORT: '0',
        DYNAMODB_PORT: '0',
        DYNAMODB_IN_MEMORY: 'true', // a throwaway table: no disk writes to wait on
        DATA_DIR: join(scratch, 'stack'),
        ANALYZER: 'none',
      })),
  };

  const sections: SectionResult[] = [];
  const failed: [string, string][] = [];
  try {
    for (const id of options.sections) {
      log(`${id}`);
      try {
        sections.push(await RUNNERS[id](ctx));
      } catch (error) {
        failed.push([id, error instanceof Error ? error.message : String(error)]);
        log(
          `${id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
    }
  } finally {
    if (stack) await (await stack).stop();
    await rm(scratch, { recursive: true, force: true });
  }

  const input: ReportInput = {
    options,
    machine,
    tools,
    photos,
    outputs: {
      description: outputs.outputs.map(
        (o) =>
          `${o.name} ${o.width ?? '–'}×${o.height ?? '–'} ${o.fit}${o.smartCrop ? ' (smart crop)' : ''}, ${o.formats.join(' + ')} at quality ${o.quality}`,
      ),
      dropped: outputs.dropped,
    },
    sections,
    failed,
    startedAt,
    seconds: (performance.now() - started) / 1000,
  };
  console.log(renderSummary(input));
  if (options.out) {
    await mkdir(dirname(options.out), { recursive: true });
    // Formatted as `npm run lint` checks it, so that a fresh report never fails the lint.
    const markdown = await format(renderMarkdown(input), {
      ...(await resolveConfig(options.out)),
      parser: 'markdown',
    });
    await writeFile(options.out, markdown);
    console.log(
      `\nWrote ${relative(process.cwd(), options.out)} (${Math.round(input.seconds)} s in all).`,
    );
  }
  return failed.length > 0 ? 1 : 0;
}

// Exit explicitly: SDK clients and emulators may keep sockets open after they are done with.
process.exit(await main());
