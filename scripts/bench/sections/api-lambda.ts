import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LOCAL_S3_CREDENTIALS } from '../../../src/local/s3-emulator.js';
import { loadLocalConfig } from '../../../src/config/local.js';
import { buildOne, LAMBDAS } from '../../build.js';
import { ZIP_PRESETS_FILE } from '../../build-presets.js';
import { contentTypeOf, upload } from '../api-client.js';
import { childEnv } from '../contenders.js';
import type { ColdStartResult } from '../drivers/api-cold.js';
import { BENCH_CACHE, ROOT } from '../drivers.js';
import { lastJson, runMeasured } from '../measure.js';
import type { BenchContext, SectionResult } from '../section.js';
import { formatBytes, formatMs, minMedian, summarize } from '../stats.js';

const BUNDLE_LIMIT_BYTES = 1_000_000;
const COLD_LIMIT_MS = 150;
const OWNER = 'bench-api';

interface Variant {
  label: string;
  /** node's arguments before the driver. */
  nodeArgs: string[];
  module: string;
}

/**
 * The API Lambda's package and cold start: the bundle `npm run build` makes, and a fresh Node
 * process importing it and answering its first `image` query against the local emulators,
 * beside the same handler from the TypeScript sources.
 */
export async function apiLambdaSection(ctx: BenchContext): Promise<SectionResult> {
  const target = LAMBDAS.find((t) => t.name === 'api');
  if (!target) throw new Error('scripts/build.ts has no api target');
  const dist = join(BENCH_CACHE, 'build');
  const runtimeDist = join(BENCH_CACHE, 'build-runtime-sdk');
  ctx.log(
    '  api: building the bundle (scripts/build.ts, as npm run build does, and with --runtime-aws-sdk)',
  );
  const built = await buildOne(target, 'x86_64', { dist });
  const runtimeBuilt = await buildOne(target, 'x86_64', { dist: runtimeDist, runtimeAwsSdk: true });
  if (!built || !runtimeBuilt) throw new Error(`${target.entry} does not exist`);
  const mapBytes = (await stat(join(dist, 'api', 'handler.mjs.map'))).size;

  const stack = await ctx.stack();
  const photo = ctx.photos.large[0]!;
  const { imageId } = await upload(stack.graphqlUrl, OWNER, {
    bytes: await readFile(photo.path),
    name: photo.name,
    contentType: contentTypeOf(photo.name),
  });
  await stack.idle();

  // The handler's settings, as Terraform would set them, pointed at the emulators; credentials
  // are the emulators' (on Lambda they come from the function's role). Nothing else of ours.
  const local = loadLocalConfig({});
  const env = childEnv();
  for (const name of Object.keys(env)) if (name.startsWith('AWS_')) delete env[name];
  Object.assign(env, {
    AWS_REGION: local.AWS_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
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

  const variants: Variant[] = [
    {
      label: 'bundle, as Lambda loads it (index.mjs: source maps on, then handler.mjs)',
      nodeArgs: [],
      module: join(dist, 'api', 'index.mjs'),
    },
    {
      label: 'bundle, handler.mjs alone (source maps off)',
      nodeArgs: [],
      module: join(dist, 'api', 'handler.mjs'),
    },
    {
      label:
        'bundle built with --runtime-aws-sdk, as Lambda loads it (the SDK from node_modules, as from the runtime)',
      nodeArgs: [],
      module: join(runtimeDist, 'api', 'index.mjs'),
    },
    {
      label: 'unbundled: src/api/lambda.ts under tsx',
      nodeArgs: ['--import', 'tsx'],
      module: join(ROOT, target.entry),
    },
  ];
  const results = new Map<Variant, { run: ColdStartResult; rss: number | undefined }[]>(
    variants.map((v) => [v, []]),
  );
  for (let run = 1; run <= ctx.options.runs; run++) {
    for (const v of variants) {
      const measured = await runMeasured(
        process.execPath,
        [...v.nodeArgs, ctx.drivers['api-cold'], v.module, imageId, OWNER],
        { env, cwd: ROOT },
      );
      const result = lastJson<ColdStartResult>(measured.stdout);
      results.get(v)!.push({ run: result, rss: measured.peakRssMb });
      ctx.log(
        `  api: run ${run}/${ctx.options.runs} ${v.label.split(':')[0]}: ${formatMs(result.totalMs)}`,
      );
    }
  }

  const row = (v: Variant) => {
    const runs = results.get(v)!;
    const pick = (f: (r: ColdStartResult) => number) =>
      minMedian(summarize(runs.map((r) => f(r.run))), formatMs);
    const rss = runs.flatMap((r) => (r.rss === undefined ? [] : [r.rss]));
    return [
      v.label,
      pick((r) => r.importMs),
      pick((r) => r.queryMs),
      pick((r) => r.totalMs),
      pick((r) => r.sinceProcessStartMs),
      rss.length ? minMedian(summarize(rss), (n) => `${n.toFixed(0)} MB`) : 'n/a',
    ];
  };
  const lambdaWay = summarize(results.get(variants[0]!)!.map((r) => r.run.totalMs));
  const withoutSourceMaps = summarize(results.get(variants[1]!)!.map((r) => r.run.totalMs));
  const runtimeSdk = summarize(results.get(variants[2]!)!.map((r) => r.run.totalMs));
  const sdkBytes = built.bundleBytes - runtimeBuilt.bundleBytes;
  return {
    id: 'api',
    title: 'API Lambda: bundle size and cold start',
    method: [
      'The API bundle is built by scripts/build.ts exactly as `npm run build` builds it (minified ESM, the AWS SDK included; scripts/build-plugins.ts says what is left out), and once more with `--runtime-aws-sdk`, which leaves the SDK to the copy the nodejs22.x runtime provides. Each run starts a fresh `node` that imports the handler module and sends it one API Gateway (payload 2.0) event: an `image` query for a processed image, variants and presigned URLs included, against the local emulators. The unbundled line runs the same handler from the TypeScript sources under tsx (whose compile cache is warm after the first run).',
    ],
    tables: [
      {
        caption: 'Package',
        head: ['', 'size'],
        rows: [
          ['bundle (handler.mjs)', formatBytes(built.bundleBytes)],
          ['source map (handler.mjs.map, in the zip)', formatBytes(mapBytes)],
          ['zip (dist/api.zip: bundle, map, loader, assets)', formatBytes(built.zipBytes)],
          ['bundle built with --runtime-aws-sdk', formatBytes(runtimeBuilt.bundleBytes)],
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
      lambdaWay.median - withoutSourceMaps.median >= 5
        ? `Loading the source map (index.mjs turns source maps on before importing the bundle) costs ${formatMs(lambdaWay.median - withoutSourceMaps.median)} of the median cold start.`
        : 'Turning source maps on (index.mjs) made no measurable difference to the cold start.',
      "On Lambda the runtime's own initialisation and the download of the package come on top; the first query also opens the first connections to DynamoDB and S3.",
    ],
    targets: [
      {
        what: 'API bundle size',
        comparison: '<=',
        threshold: BUNDLE_LIMIT_BYTES,
        value: built.bundleBytes,
        unit: 'bytes',
        why: `the AWS SDK clients are ${formatBytes(sdkBytes)} of it. Built with --runtime-aws-sdk the bundle is ${formatBytes(runtimeBuilt.bundleBytes)}, within the target, and its cold start was ${formatMs(runtimeSdk.median)} against ${formatMs(lambdaWay.median)} (median)${runtimeSdk.median > lambdaWay.median ? ': slower, Node loading the SDK as many separate files instead of parsing one, so the build bundles the SDK' : ': not slower here, so --runtime-aws-sdk could be the default'}`,
      },
      {
        what: 'API cold start: import + first image query (bundle, as Lambda loads it)',
        comparison: '<',
        threshold: COLD_LIMIT_MS,
        value: lambdaWay.median,
        unit: 'ms',
        why: `import ${formatMs(summarize(results.get(variants[0]!)!.map((r) => r.run.importMs)).median)} (reading and compiling the ${formatBytes(built.bundleBytes)} bundle, then what runs at module load: configuration and presets, the GraphQL schema and Apollo Server, the AWS clients) and the first query ${formatMs(summarize(results.get(variants[0]!)!.map((r) => r.run.queryMs)).median)} (the first DynamoDB and S3 connections, presigning the variant URLs), median; a busy machine inflates both`,
      },
    ],
  };
}
