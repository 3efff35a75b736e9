import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NodeDriver } from './drivers.js';
import { PILLOW_DRIVER } from './drivers.js';
import {
  EXTENSION,
  stem,
  type BenchOutput,
  type ImagesJob,
  type ImagesResult,
} from './drivers/job.js';
import { lastJson, probe, runMeasured } from './measure.js';

/**
 * The five ways of making the same outputs from the same files that the comparison times. Each
 * run is one child process (so its peak memory is its own); each reports the time from its first
 * file read to its last output written, which leaves out an interpreter's start-up and imports
 * (paid once by a long-running service) but keeps the start-up of every command-line tool call,
 * since calling a tool per output is how those approaches work.
 */

export type ContenderId =
  'darkroom' | 'sharp-per-output' | 'pillow' | 'imagemagick' | 'vipsthumbnail';

export interface ContenderRun {
  ms: number;
  wallMs: number;
  peakRssMb: number | undefined;
  decodeMs?: number;
  variantsMs?: number;
}

export interface Contender {
  id: ContenderId;
  label: string;
  /** How it makes the outputs, for the report. */
  how: string;
  /** Version string when usable; otherwise why not (the report names skipped contenders). */
  detect(): Promise<{ ok: true; version: string } | { ok: false; why: string }>;
  run(job: ImagesJob, scratch: string): Promise<ContenderRun>;
}

/** The environment children run in: no inherited loader flags (tsx's) in measured processes. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.NODE_OPTIONS;
  return env;
}

async function writeJob(job: ImagesJob, scratch: string, name: string): Promise<string> {
  const file = join(scratch, `${name}.job.json`);
  await writeFile(file, JSON.stringify(job));
  return file;
}

function nodeContender(
  id: ContenderId,
  label: string,
  how: string,
  driver: () => string,
  driverName: NodeDriver,
): Contender {
  return {
    id,
    label,
    how,
    detect: () => Promise.resolve({ ok: true, version: `node ${process.version}` }),
    async run(job, scratch) {
      const jobFile = await writeJob(job, scratch, driverName);
      const measured = await runMeasured(process.execPath, [driver(), jobFile], {
        env: childEnv(),
      });
      const result = lastJson<ImagesResult>(measured.stdout);
      return {
        ms: result.ms,
        wallMs: measured.wallMs,
        peakRssMb: measured.peakRssMb,
        ...(result.decodeMs !== undefined ? { decodeMs: result.decodeMs } : {}),
        ...(result.variantsMs !== undefined ? { variantsMs: result.variantsMs } : {}),
      };
    },
  };
}

const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

/**
 * A bash script running `commands` (argument lists) one after the other and printing, as JSON,
 * the time they took. Tool warnings go to a log file, not the terminal.
 */
function timedScript(commands: string[][], errorLog: string): string {
  return [
    'set -euo pipefail',
    `exec 2>>${quote(errorLog)}`,
    // EPOCHREALTIME is seconds with microseconds; drop the separator for integer microseconds.
    'started=${EPOCHREALTIME//[.,]/}',
    ...commands.map((argv) => argv.map(quote).join(' ')),
    'ended=${EPOCHREALTIME//[.,]/}',
    'echo "{\\"ms\\": $(( (ended - started) / 1000 ))}"',
    '',
  ].join('\n');
}

async function runScript(
  name: string,
  commands: string[][],
  scratch: string,
): Promise<ContenderRun> {
  const script = join(scratch, `${name}.sh`);
  await writeFile(script, timedScript(commands, join(scratch, `${name}.stderr.log`)));
  const measured = await runMeasured('bash', [script], { env: childEnv() });
  return {
    ms: lastJson<{ ms: number }>(measured.stdout).ms,
    wallMs: measured.wallMs,
    peakRssMb: measured.peakRssMb,
  };
}

/** "WxH" for a spec (a cover box missing a side is square); an absent side is unbounded. */
function box(o: BenchOutput, suffix = ''): string {
  const [w, h] =
    o.fit === 'cover' ? [o.width ?? o.height, o.height ?? o.width] : [o.width, o.height];
  return `${w ?? ''}x${h ?? ''}${suffix}`;
}

/** The first `convert` whose `-version` says it is ImageMagick (some systems have stand-ins). */
async function findImageMagick(): Promise<{ command: string; version: string } | undefined> {
  for (const command of ['/usr/bin/convert', 'convert', 'magick']) {
    const out = await probe(command, ['-version']);
    const version = out && /^Version: (ImageMagick [^\s]+)/m.exec(out)?.[1];
    if (version) return { command, version };
  }
  return undefined;
}

/** The first Python that has Pillow: Debian's python3-pil is for /usr/bin/python3. */
async function findPillow(): Promise<{ python: string; version: string } | undefined> {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const out = await probe(python, ['-c', 'import PIL; print(PIL.__version__)']);
    if (out) return { python, version: `Pillow ${out.trim()}` };
  }
  return undefined;
}

export function contenders(drivers: () => Record<NodeDriver, string>): Contender[] {
  let imagemagick: Awaited<ReturnType<typeof findImageMagick>>;
  let pillow: Awaited<ReturnType<typeof findPillow>>;
  return [
    nodeContender(
      'darkroom',
      'Darkroom',
      "the processor's pipeline in process (runPipeline: one decode, then every output from it; analysis and storage left out)",
      () => drivers().darkroom,
      'darkroom',
    ),
    nodeContender(
      'sharp-per-output',
      'sharp, decode per output',
      "sharp from the file for each output (Promise.all over one image's outputs), Darkroom's resize and encoder settings",
      () => drivers()['sharp-per-output'],
      'sharp-per-output',
    ),
    {
      id: 'pillow',
      label: 'Pillow',
      how: 'Image.open + Image.thumbnail per output (the cover thumbnail: thumbnail to cover the box, then a centre crop), save',
      async detect() {
        pillow = await findPillow();
        return pillow
          ? { ok: true, version: pillow.version }
          : { ok: false, why: 'no python3 with Pillow (apt-get install python3-pil)' };
      },
      async run(job, scratch) {
        const jobFile = await writeJob(job, scratch, 'pillow');
        const measured = await runMeasured(pillow!.python, [PILLOW_DRIVER, jobFile], {
          env: childEnv(),
        });
        return {
          ms: lastJson<ImagesResult>(measured.stdout).ms,
          wallMs: measured.wallMs,
          peakRssMb: measured.peakRssMb,
        };
      },
    },
    {
      id: 'imagemagick',
      label: 'ImageMagick',
      how: '`convert` once per output: -auto-orient -resize (cover: ^ then a centre -extent) -strip -quality',
      async detect() {
        imagemagick = await findImageMagick();
        return imagemagick
          ? { ok: true, version: imagemagick.version }
          : { ok: false, why: 'no ImageMagick convert (apt-get install imagemagick)' };
      },
      run(job, scratch) {
        const commands = job.files.flatMap((file) =>
          job.outputs.flatMap((o) =>
            o.formats.map((format) => [
              imagemagick!.command,
              file,
              '-auto-orient',
              ...(o.fit === 'cover'
                ? ['-resize', `${box(o)}^`, '-gravity', 'center', '-extent', box(o)]
                : ['-resize', box(o, '>')]),
              '-strip',
              '-quality',
              String(o.quality),
              ...(format === 'jpeg'
                ? ['-background', 'white', '-alpha', 'remove', '-interlace', 'JPEG']
                : []),
              `${job.outDir}/${stem(file)}-${o.name}.${EXTENSION[format]}`,
            ]),
          ),
        );
        return runScript('imagemagick', commands, scratch);
      },
    },
    {
      id: 'vipsthumbnail',
      label: 'vipsthumbnail',
      how: "libvips' own CLI, one call per output over all the files (-s size, -m attention for the smart crop)",
      async detect() {
        const out = await probe('vipsthumbnail', ['--vips-version']);
        return out
          ? { ok: true, version: out.trim() }
          : { ok: false, why: 'no vipsthumbnail (apt-get install libvips-tools)' };
      },
      run(job, scratch) {
        const commands = job.outputs.flatMap((o) =>
          o.formats.map((format) => [
            'vipsthumbnail',
            '-s',
            o.fit === 'cover' ? box(o) : box(o, '>'),
            ...(o.fit === 'cover' ? ['-m', o.smartCrop ? 'attention' : 'centre'] : []),
            '-o',
            `${job.outDir}/%s-${o.name}.${EXTENSION[format]}[Q=${o.quality},strip${format === 'jpeg' ? ',interlace' : ''}]`,
            ...job.files,
          ]),
        );
        return runScript('vipsthumbnail', commands, scratch);
      },
    },
  ];
}
