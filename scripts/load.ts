/**
 * `npm run load -- --images 1000 --concurrency 50`: a load run on the embedded default. Starts its
 * own stack on free ports with a throwaway data folder (or uses --url), uploads generated images,
 * and prints what became of every one. Exits non-zero if any image was lost.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { startStack } from '../src/local/stack.js';
import { formatReport, runLoad } from './load/run.js';

const { values } = parseArgs({
  options: {
    images: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '50' },
    url: { type: 'string' },
    'fault-rate': { type: 'string', default: '0' },
    'drop-reply-rate': { type: 'string', default: '0' },
    small: { type: 'boolean', default: false },
    'corrupt-every': { type: 'string' },
    timeout: { type: 'string', default: '300' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(`Usage: npm run load -- [--images N] [--concurrency N] [--fault-rate 0..1]
                      [--drop-reply-rate 0..1] [--corrupt-every N] [--small] [--url URL]

Uploads N generated JPEGs with N-way concurrency and reports uploaded, terminal by status, lost
(must be 0), the metrics beside the truth counted from every image's record (must be equal),
throughput and upload→terminal latency. Without --url it starts its own embedded default:
--fault-rate makes that stack's processor and events handler see random AWS faults, and
--drop-reply-rate lose the replies of requests that succeeded (the SDK retries them).
--corrupt-every N uploads random bytes every Nth time (they must end FAILED); --small uses
thumbnail-sized photos, so the run exercises the pipeline rather than the encoders.

The fault test: npm run load -- --fault-rate 0.1 --drop-reply-rate 0.1 --corrupt-every 20 --small`);
  process.exit(0);
}
const images = Number(values.images);
const concurrency = Number(values.concurrency);
const faultRate = Number(values['fault-rate']);
const dropReplyRate = Number(values['drop-reply-rate']);
const corruptEvery =
  values['corrupt-every'] === undefined ? undefined : Number(values['corrupt-every']);
for (const [name, value, ok] of [
  ['--images', images, Number.isInteger(images) && images > 0],
  ['--concurrency', concurrency, Number.isInteger(concurrency) && concurrency > 0],
  ['--fault-rate', faultRate, faultRate >= 0 && faultRate <= 1],
  ['--drop-reply-rate', dropReplyRate, dropReplyRate >= 0 && dropReplyRate <= 1],
  [
    '--corrupt-every',
    corruptEvery,
    corruptEvery === undefined || (Number.isInteger(corruptEvery) && corruptEvery > 0),
  ],
] as const) {
  if (!ok) {
    console.error(`${name} ${value} is not valid (see --help)`);
    process.exit(2);
  }
}

process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
let url = values.url;
let cleanup = async () => {};
if (!url) {
  const dataDir = await mkdtemp(join(tmpdir(), 'darkroom-load-'));
  const stack = await startStack({
    // One owner uploads everything: the per-owner quotas would cut a long run short (the shell's
    // settings still win).
    QUOTA_UPLOADS_PER_DAY: 'unlimited',
    QUOTA_STORED_BYTES: 'unlimited',
    ...process.env,
    PORT: '0',
    S3_PORT: '0',
    DYNAMODB_PORT: '0',
    DYNAMODB_IN_MEMORY: 'true', // a throwaway table: no disk writes to wait on
    DATA_DIR: dataDir,
    FAULT_RATE: String(faultRate),
    DROPPED_REPLY_RATE: String(dropReplyRate),
    // Thumbnails wait on the emulators more than on sharp: more of them at once.
    ...(values.small && !process.env.PROCESSOR_CONCURRENCY ? { PROCESSOR_CONCURRENCY: '8' } : {}),
    SWEEP_INTERVAL_SECONDS: '5',
    PROCESSING_LEASE_SECONDS: '30',
  });
  url = stack.graphqlUrl;
  cleanup = async () => {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  console.error(`Started an embedded default at ${url} (data in ${dataDir})`);
}

// A live line on a terminal; in a log (CI), a line every tenth of the run.
let last = 0;
const tty = process.stderr.isTTY;
const report = await runLoad({
  url,
  images,
  concurrency,
  timeoutMs: Number(values.timeout) * 1000,
  user: `load-${Date.now().toString(36)}`,
  small: values.small,
  ...(corruptEvery ? { corruptEvery } : {}),
  onProgress: (done, total) => {
    const line = `${done}/${total} images terminal or given up`;
    if (tty && (done === total || Date.now() - last > 500)) {
      last = Date.now();
      process.stderr.write(`\r${line}`);
    } else if (!tty && (done === total || done % Math.max(1, Math.round(total / 10)) === 0)) {
      process.stderr.write(`${line}\n`);
    }
  },
});
if (tty) process.stderr.write('\n');
console.log(formatReport(report));
await cleanup();
const exact = isDeepStrictEqual(report.metrics, report.truth);
process.exit(report.lost === 0 && report.refused === 0 && exact ? 0 : 1);
