/**
 * The command lines of `npm run backup` and `npm run restore`: one folder argument, the data
 * folder from DATA_DIR as for `npm start`, progress on stderr, a summary on stdout.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { ConfigError } from '../../src/config/env.js';
import { BackupFolderError, type Manifest } from '../../src/local/backup/folder.js';
import { DamagedObjectError } from '../../src/local/backup/objects.js';
import type { OnProgress, Progress } from '../../src/local/backup/progress.js';
import { openStore, type StoreClients } from '../../src/local/backup/store.js';
import { DataFolderBusyError } from '../../src/local/data-lock.js';
import { MissingJavaError } from '../../src/local/dynamodb-emulator.js';

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** A bar per phase on a terminal; elsewhere a line per phase and per tenth of the objects. */
function progressOutput(): { onProgress: OnProgress; stop(): void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: ' {bar} {value}/{total} {phase} | {size}', stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    let phase: Progress['phase'] | undefined;
    return {
      onProgress(progress) {
        const payload = {
          phase: progress.phase === 'table' ? 'items' : 'objects',
          size: megabytes(progress.bytes),
        };
        if (progress.phase !== phase) {
          if (phase) bar.stop();
          phase = progress.phase;
          bar.start(progress.total, progress.done, payload);
        } else {
          bar.setTotal(progress.total);
          bar.update(progress.done, payload);
        }
      },
      stop: () => bar.stop(),
    };
  }
  let lastTenth = -1;
  return {
    onProgress({ phase, done, total, bytes }) {
      if (phase === 'table') return;
      const tenth = Math.floor((done / Math.max(total, 1)) * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      console.error(`objects ${done}/${total} (${megabytes(bytes)})`);
    },
    stop: () => undefined,
  };
}

export const summary = (manifest: Manifest) =>
  `${manifest.counts.images} images (${manifest.counts.items} table items), ${manifest.counts.objects.originals} originals and ${manifest.counts.objects.variants} variants and renders, ${megabytes(manifest.counts.bytes)}`;

/** Runs `work` on the data folder's store; exits 2 with the message for what the user can fix. */
export async function runCommand(
  purpose: 'npm run backup' | 'npm run restore',
  help: string,
  work: (store: StoreClients, folder: string, onProgress: OnProgress) => Promise<string>,
): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${help}`);
    process.exit(2);
  }
  if (parsed.values.help) {
    console.log(help);
    return;
  }
  if (parsed.positionals.length !== 1) {
    console.error(`Give exactly one folder.\n\n${help}`);
    process.exit(2);
  }
  // The table's logs are not this command's output.
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  const folder = resolve(parsed.positionals[0]!);
  const progress = progressOutput();
  let store: Awaited<ReturnType<typeof openStore>> | undefined;
  try {
    store = await openStore(process.env, purpose);
    const done = await work(store, folder, progress.onProgress);
    progress.stop();
    console.log(done);
  } catch (error) {
    progress.stop();
    const known = [
      BackupFolderError,
      DamagedObjectError,
      DataFolderBusyError,
      ConfigError,
      MissingJavaError,
    ].some((type) => error instanceof type);
    if (!known) throw error;
    console.error((error as Error).message);
    process.exitCode = 2;
  } finally {
    await store?.close();
  }
}
