import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { loadLocalConfig } from '../../../src/config/local.js';
import { buildOne, LAMBDAS, type LambdaTarget } from '../../build.js';
import { ZIP_PRESETS_FILE } from '../../build-presets.js';
import { contentTypeOf, upload } from '../api-client.js';
import { readMetafile, startBytesAboveFloor, startBytesByPackage } from '../bundle-contents.js';
import { childEnv } from '../contenders.js';
import type { ColdStartResult } from '../drivers/api-cold.js';
import { BENCH_CACHE, ROOT } from '../drivers.js';
import { lastJson, runMeasured } from '../measure.js';
import type { BenchContext, SectionResult } from '../section.js';
import { formatBytes, formatMs, formatValue, minMedian, summarize } from '../stats.js';

/** The targets, against the floor: the smallest Apollo Server handler there is. */
const START_BYTES_RATIO_LIMIT = 1.15;
const IMPORT_RATIO_LIMIT = 1.25;
const COLD_LIMIT_MS = 250;
const OWNER = 'bench-api';

/** One field, nothing else (scripts/bench/api-floor.ts), built exactly as the API is. */
const FLOOR: LambdaTarget = { name: 'api-floor', entry: 'scripts/bench/api-floor.ts', native: [] };
/** The API's parts imported one step at a time (scripts/bench/api-stages.ts), built the same way. */
const STAGES: LambdaTarget = {
  name: 'api-stages',
  entry: 'scripts/bench/api-stages.ts',
  native: [],
};

interface Variant {
  label: string;
  /** node's arguments: options, the driver and its arguments. */
  args: string[];
}

/** drivers/api-floor-cold.ts as a plain ES module, as bundleDrivers makes the others. */
async function bundleFloorDriver(): Promise<string> {
  const out = join(BENCH_CACHE, 'drivers', 'api-floor-cold.mjs');
  await build({
    entryPoints: [join(ROOT, 'scripts', 'bench', 'drivers', 'api-floor-cold.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  return out;
}

/**
 * The floor bundled with esbuild's defaults instead (minified ESM, but not resolving packages'
 * ES builds first and without scripts/build-plugins.ts): what the floor weighs built naively.
 */
async function naiveFloorBytes(): Promise<number> {
  const result = await build({
    entryPoints: [join(ROOT, FLOOR.entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles.reduce((sum, file) => sum + file.contents.length, 0);
}

const ratio = (ours: number, floor: number) => formatValue(ours / floor, 'ratio');

/**
 * The API Lambda's package and cold start: the bundle `npm run build` makes, and a fresh Node
 * process importing it and answering its first `image` query against the local emulators; beside
 * it the floor (one-field Apollo Server handler, built and started the same way) and the same
 * handler from the TypeScript sources.
 */
export async function apiLambdaSection(ctx: BenchContext): Promise<SectionResult> {
  const target = LAMBDAS.find((t) => t.name === 'api');
  if (!target) throw new Error('scripts/build.ts has no api target');
  const dist = join(BENCH_CACHE, 'build');
  const runtimeDist = join(BENCH_CACHE, 'build-runtime-sdk');
  const metafiles = { api: join(dist, 'api.meta.json'), floor: join(dist, 'api-floor.meta.json') };
  ctx.log(
    '  api: building the bundle (scripts/build.ts, as npm run build does, and with --runtime-aws-sdk) and the floor',
  );
  const built = await buildOne(target, 'x86_64', { dist, metafile: metafiles.api });
  const runtimeBuilt = await buildOne(target, 'x86_64', { dist: runtimeDist, runtimeAwsSdk: true });
  const floorBuilt = await buildOne(FLOOR, 'x86_64', { dist, metafile: metafiles.floor });
  const stagesBuilt = await buildOne(STAGES, 'x86_64', { dist });
  if (!built || !runtimeBuilt || !floorBuilt || !stagesBuilt) {
    throw new Error(`${target.entry} does not exist`);
  }
  const floorDriver = await bundleFloorDriver();
  const naiveFloor = await naiveFloorBytes();
  const aboveFloor = startBytesAboveFloor(
    startBytesByPackage(readMetafile(metafiles.api), join(dist, 'api')),
    startBytesByPackage(readMetafile(metafiles.floor), join(dist, FLOOR.name)),
  );

  const stack = await ctx.stack();
  const photo = ctx.photos.large[0]!;
  const { imageId } = await upload(stack.graphqlUrl, OWNER, {
    bytes: await readFile(photo.path),
    name: photo.name,
    contentType: contentTypeOf(photo.name),
  });
  await stack.idle();

  // The handler's settings, as Terraform would set them, pointed at the emulators; credentials
  // are the table emulator's, whose database they select (on Lambda they come from the
  // function's role): the `image` query reads the table only. Nothing else of ours.
  const local = loadLocalConfig({});
  const env = childEnv();
  for (const name of Object.keys(env)) if (name.startsWith('AWS_')) delete env[name];
  Object.assign(env, {
    AWS_REGION: local.AWS_REGION,
    AWS_ACCESS_KEY_ID: stack.dynamodbCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: stack.dynamodbCredentials.secretAccessKey,
    TABLE_NAME: local.TABLE_NAME,
    ORIGINALS_BUCKET: local.ORIGINALS_BUCKET,
    VARIANTS_BUCKET: local.VARIANTS_BUCKET,
    S3_ENDPOINT: stack.s3Endpoint,
    DYNAMODB_ENDPOINT: stack.dynamodbEndpoint,
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    // Terraform points PRESETS_FILE at the copy the build puts in the zip (/var/task/…).
    PRESETS_FILE: join(dist, 'api', ZIP_PRESETS_FILE),
    // Variant URLs are signed delivery URLs: the distribution's address and a signing key, as
    // Terraform sets them; here the embedded default's delivery server and a key of the run's own.
    DELIVERY_BASE_URL: stack.deliveryUrl,
    DELIVERY_KEYS: `bench:${randomBytes(32).toString('base64url')}`,
  });

  const darkroom = (module: string, nodeArgs: string[] = []) => [
    ...nodeArgs,
    ctx.drivers['api-cold'],
    module,
    imageId,
    OWNER,
  ];
  const variants: Variant[] = [
    {
      label: 'bundle, as Lambda loads it (index.mjs: source maps on, then handler.mjs)',
      args: darkroom(join(dist, 'api', 'index.mjs')),
    },
    {
      label: 'floor: one-field Apollo Server handler, as Lambda would load it (index.mjs)',
      args: [floorDriver, join(dist, FLOOR.name, 'index.mjs'), OWNER],
    },
    {
      label: 'bundle, handler.mjs alone (source maps off)',
      args: darkroom(join(dist, 'api', 'handler.mjs')),
    },
    {
      label:
        'bundle built with --runtime-aws-sdk, as Lambda loads it (the SDK from node_modules, as from the runtime)',
      args: darkroom(join(runtimeDist, 'api', 'index.mjs')),
    },
    {
      label: 'unbundled: src/api/lambda.ts under tsx',
      args: darkroom(join(ROOT, target.entry), ['--import', 'tsx']),
    },
  ];
  const [lambdaLine, floorLine, withoutMapsLine, runtimeLine] = variants as [
    Variant,
    Variant,
    Variant,
    Variant,
  ];
  const results = new Map<Variant, { run: ColdStartResult; rss: number | undefined }[]>(
    variants.map((v) => [v, []]),
  );
  // Every line takes its turn in each run, so that a busy moment hits them alike.
  for (let run = 1; run <= ctx.options.runs; run++) {
    for (const v of variants) {
      const measured = await runMeasured(process.execPath, v.args, { env, cwd: ROOT });
      const result = lastJson<ColdStartResult>(measured.stdout);
      results.get(v)!.push({ run: result, rss: measured.peakRssMb });
      ctx.log(
        `  api: run ${run}/${ctx.options.runs} ${v.label.split(':')[0]}: ${formatMs(result.totalMs)}`,
      );
    }
  }

  // Step by step, as often: each run a fresh process again.
  const stepTimes = new Map<string, number[]>();
  for (let run = 1; run <= ctx.options.runs; run++) {
    const measured = await runMeasured(
      process.execPath,
      [join(dist, STAGES.name, 'index.mjs'), imageId, OWNER],
      { env, cwd: ROOT },
    );
    for (const { step, ms } of lastJson<{ step: string; ms: number }[]>(measured.stdout)) {
      stepTimes.set(step, [...(stepTimes.get(step) ?? []), ms]);
    }
  }
  const stepMedians = [...stepTimes].map(([step, ms]) => ({ step, ms: summarize(ms).median }));
  const stepsTotal = stepMedians.reduce((sum, s) => sum + s.ms, 0);
  /** A step's median, by its place in scripts/bench/api-stages.ts's STEPS. */
  const step = (i: number) => formatMs(stepMedians[i]?.ms ?? Number.NaN);

  const summary = (v: Variant, f: (r: ColdStartResult) => number) =>
    summarize(results.get(v)!.map((r) => f(r.run)));
  const row = (v: Variant) => {
    const pick = (f: (r: ColdStartResult) => number) => minMedian(summary(v, f), formatMs);
    const rss = results.get(v)!.flatMap((r) => (r.rss === undefined ? [] : [r.rss]));
    return [
      v.label,
      pick((r) => r.importMs),
      pick((r) => r.queryMs),
      pick((r) => r.totalMs),
      pick((r) => r.sinceProcessStartMs),
      rss.length ? minMedian(summarize(rss), (n) => `${n.toFixed(0)} MB`) : 'n/a',
    ];
  };
  const median = (v: Variant, f: (r: ColdStartResult) => number) => summary(v, f).median;
  const imports = {
    ours: median(lambdaLine, (r) => r.importMs),
    floor: median(floorLine, (r) => r.importMs),
  };
  const queries = {
    ours: median(lambdaLine, (r) => r.queryMs),
    floor: median(floorLine, (r) => r.queryMs),
  };
  const totals = {
    ours: median(lambdaLine, (r) => r.totalMs),
    floor: median(floorLine, (r) => r.totalMs),
  };
  const withoutMaps = median(withoutMapsLine, (r) => r.totalMs);
  const runtimeSdk = median(runtimeLine, (r) => r.totalMs);
  const startRatio = built.startBytes / floorBuilt.startBytes;
  const extraStart = aboveFloor
    .filter((g) => g.bytes > 0)
    .map((g) => `${g.group} ${formatBytes(g.bytes)}`)
    .join(', ');

  return {
    id: 'api',
    title: 'API Lambda: bundle size and cold start',
    method: [
      'The API bundle is built by scripts/build.ts exactly as `npm run build` builds it (minified ESM split into chunks, the AWS SDK included; scripts/build-plugins.ts says what is left out), and once more with `--runtime-aws-sdk`, which leaves the SDK to the copy the nodejs24.x runtime provides. Each run starts a fresh `node` that imports the handler module and sends it one API Gateway (payload 2.0) event: an `image` query for a processed image, variants and their signed delivery URLs included, against the local emulators. The unbundled line runs the same handler from the TypeScript sources under tsx (whose compile cache is warm after the first run).',
      "The floor is the smallest Apollo Server handler there is: scripts/bench/api-floor.ts, one field on @as-integrations/aws-lambda, built by the same scripts/build.ts function with the same options, plugins and index.mjs, started the same way and sent the same event asking for its one field (scripts/bench/drivers/api-floor-cold.ts). No Apollo Server handler starts faster here, so Darkroom's targets are set against it. 'Read at start' is handler.mjs and the chunks it imports statically; code reached only by import() waits in its own chunks until a request needs it.",
    ],
    tables: [
      {
        caption: `The floor and Darkroom (as Lambda loads them; times are medians of ${ctx.options.runs} runs)`,
        head: ['', 'floor', 'Darkroom', 'Darkroom ÷ floor'],
        rows: [
          [
            'JavaScript read at start',
            formatBytes(floorBuilt.startBytes),
            formatBytes(built.startBytes),
            ratio(built.startBytes, floorBuilt.startBytes),
          ],
          [
            'all JavaScript (every chunk)',
            formatBytes(floorBuilt.bundleBytes),
            formatBytes(built.bundleBytes),
            ratio(built.bundleBytes, floorBuilt.bundleBytes),
          ],
          [
            'import',
            formatMs(imports.floor),
            formatMs(imports.ours),
            ratio(imports.ours, imports.floor),
          ],
          [
            'first query',
            formatMs(queries.floor),
            formatMs(queries.ours),
            ratio(queries.ours, queries.floor),
          ],
          [
            'import + first query',
            formatMs(totals.floor),
            formatMs(totals.ours),
            ratio(totals.ours, totals.floor),
          ],
        ],
      },
      {
        caption: 'Package',
        head: ['', 'size'],
        rows: [
          [
            'JavaScript read at start (handler.mjs and the chunks it imports)',
            formatBytes(built.startBytes),
          ],
          [
            `all JavaScript (handler.mjs and ${built.chunks} chunks)`,
            formatBytes(built.bundleBytes),
          ],
          ['source maps (in the zip)', formatBytes(built.mapBytes)],
          ['zip (dist/api.zip: bundle, maps, loader, assets)', formatBytes(built.zipBytes)],
          [
            'bundle built with --runtime-aws-sdk, read at start',
            formatBytes(runtimeBuilt.startBytes),
          ],
          ...aboveFloor.map((g) => [
            `read at start above the floor: ${g.group}`,
            formatBytes(g.bytes),
          ]),
        ],
      },
      {
        caption: `Where the cold start goes: the API's parts imported step by step in the order src/api/lambda.ts needs them, then the first query (scripts/bench/api-stages.ts, built and loaded as the API is; medians of ${ctx.options.runs} fresh processes; a module shared by two steps counts toward the first)`,
        head: ['step', 'time', 'share'],
        rows: [
          ...stepMedians.map(({ step, ms }) => [
            step,
            formatMs(ms),
            `${((100 * ms) / stepsTotal).toFixed(0)} %`,
          ]),
          ['all of it', formatMs(stepsTotal), '100 %'],
        ],
      },
      {
        caption: `Fresh process: min / median of ${ctx.options.runs} runs`,
        head: [
          '',
          'import',
          'first query',
          'import + first query',
          'from process start',
          'peak RSS',
        ],
        rows: variants.map(row),
      },
    ],
    notes: [
      median(lambdaLine, (r) => r.totalMs) - withoutMaps >= 5
        ? `Loading the source maps (index.mjs turns source maps on before importing the bundle) costs ${formatMs(totals.ours - withoutMaps)} of the median cold start.`
        : 'Turning source maps on (index.mjs) made no measurable difference to the cold start.',
      `Built with --runtime-aws-sdk the cold start was ${formatMs(runtimeSdk)} against ${formatMs(totals.ours)} (median)${runtimeSdk > totals.ours ? ': slower, Node loading the SDK as many separate files instead of parsing one, so the build bundles the SDK' : ''}.`,
      "On Lambda the runtime's own initialisation and the download of the package come on top; the first query also opens the first connection to DynamoDB.",
      `Bundled with esbuild's defaults instead (no \`mainFields\`, none of scripts/build-plugins.ts), the floor is ${formatBytes(naiveFloor)}: two copies of Apollo Server and of graphql-tools, and Apollo's usage-reporting protobuf. The floor here is built as the API is, so the plugins' savings count for neither side.`,
    ],
    targets: [
      {
        what: "API JavaScript read at start ÷ the floor's",
        comparison: '<=',
        threshold: START_BYTES_RATIO_LIMIT,
        value: startRatio,
        unit: 'ratio',
        why: `${formatBytes(built.startBytes)} against the floor's ${formatBytes(floorBuilt.startBytes)}; above the floor: ${extraStart}`,
      },
      {
        what: "API import ÷ the floor's (as Lambda loads them)",
        comparison: '<=',
        threshold: IMPORT_RATIO_LIMIT,
        value: imports.ours / imports.floor,
        unit: 'ratio',
        why: `${formatMs(imports.ours)} against the floor's ${formatMs(imports.floor)} (median). Step by step (the table above), on top of the floor's ${step(0)}: the settings validated with zod ${step(1)}, the DynamoDB client and table modules ${step(3)}, Darkroom's Apollo Server with its schema built ${step(5)}, the Powertools logger ${step(2)}, the GraphQL modules ${step(4)}; every request needs these. S3, the presigner, CloudFront, the presets and GraphiQL wait for the first request that uses them, in chunks (${formatBytes(built.bundleBytes - built.startBytes)} in all, with the SDK's other credential providers and Apollo's optional plugins)`,
      },
      {
        what: 'API cold start: import + first image query (bundle, as Lambda loads it)',
        comparison: '<',
        threshold: COLD_LIMIT_MS,
        value: totals.ours,
        unit: 'ms',
        why: `import ${formatMs(imports.ours)} and the first query ${formatMs(queries.ours)} (median), against the floor's ${formatMs(totals.floor)} (${formatMs(queries.floor)} of it its first query). Darkroom's first query is the SDK's first DynamoDB request (its request path run for the first time, the connection, the emulator's answer), graphql-armor's checks and Darkroom's resolvers run for the first time, and the variant URLs signed; a busy machine inflates every figure`,
      },
    ],
  };
}
