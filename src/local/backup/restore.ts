/** `npm run restore`: a backup folder back into an empty data folder. */
import { createHash } from 'node:crypto';
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { DELIVERY_KEYS_FILE } from '../delivery-keys.js';
import { disableStream, ensureTable } from '../dynamodb-emulator.js';
import {
  BackupFolderError,
  FILES,
  objectLineSchema,
  objectPath,
  readManifest,
  RESTORE_MARKER,
  restoreUnfinished,
  type Manifest,
  type ObjectLine,
} from './folder.js';
import { bucketIsEmpty, uploadObject, verifyObject } from './objects.js';
import type { OnProgress } from './progress.js';
import type { StoreClients } from './store.js';
import { lineItem, putItems, tableIsEmpty } from './table-items.js';

const CONCURRENCY = 8;
/** Items written per batch of BatchWriteItem requests (held in memory meanwhile). */
const ITEMS_PER_ROUND = 500;

/** The lines of a file the manifest hashed, checked against it before any is used. */
async function checkedLines(folder: string, file: string, sha256: string): Promise<string[]> {
  const path = join(folder, file);
  const text = await readFile(path, 'utf8').catch(() => {
    throw new BackupFolderError(`${path} is missing: the backup is incomplete`);
  });
  const digest = createHash('sha256').update(text).digest('hex');
  if (digest !== sha256) {
    throw new BackupFolderError(`${path} changed since the backup was made (its SHA-256 differs)`);
  }
  return text.split('\n').filter((line) => line.length > 0);
}

function objectLines(lines: string[], folder: string): ObjectLine[] {
  return lines.map((line, at) => {
    const parsed = objectLineSchema.safeParse(JSON.parse(line));
    if (!parsed.success) {
      throw new BackupFolderError(
        `${join(folder, FILES.objects)} line ${at + 1}: ${parsed.error.issues[0]!.message}`,
      );
    }
    return parsed.data;
  });
}

/**
 * Refuses a store that holds anything, unless it is this same backup's unfinished restore (run
 * again, it finishes: every write is a put of the same thing).
 */
async function checkEmpty(store: StoreClients, manifest: Manifest): Promise<void> {
  const unfinished = await restoreUnfinished(store.dataDir);
  if (unfinished?.id === manifest.id) return;
  const empty =
    (await tableIsEmpty(store.dynamo, store.table)) &&
    (await bucketIsEmpty(store.s3, store.buckets.originals)) &&
    (await bucketIsEmpty(store.s3, store.buckets.variants));
  if (empty && !unfinished) return;
  throw new BackupFolderError(
    unfinished
      ? `${store.dataDir} holds an unfinished restore of another backup (${unfinished.id}): finish that one, or delete the folder`
      : `${store.dataDir} is not empty: a restore goes into an empty data folder (stop npm start, move ${store.dataDir} aside, then restore)`,
  );
}

/** Restores the backup in `folder` into the store; returns its manifest. */
export async function restore(
  store: StoreClients,
  folder: string,
  onProgress: OnProgress = () => undefined,
): Promise<Manifest> {
  const manifest = await readManifest(folder);
  const tableLines = await checkedLines(folder, FILES.table, manifest.sha256.table);
  const objects = objectLines(
    await checkedLines(folder, FILES.objects, manifest.sha256.objects),
    folder,
  );
  if (tableLines.length !== manifest.counts.items) {
    throw new BackupFolderError(
      `${join(folder, FILES.table)} holds ${tableLines.length} items, the manifest says ${manifest.counts.items}`,
    );
  }

  await ensureTable(store.dynamo, store.table);
  await checkEmpty(store, manifest);
  // Every file checked before anything is written: a damaged backup changes nothing.
  const limit = pLimit(CONCURRENCY);
  await Promise.all(
    objects.map((line) => limit(() => verifyObject(line, objectPath(folder, line)))),
  );
  await writeFile(
    join(store.dataDir, RESTORE_MARKER),
    JSON.stringify({ id: manifest.id, from: folder, startedAt: new Date().toISOString() }),
  );
  // What is written now is history, not news: nothing of it may reach the events handler.
  await disableStream(store.dynamo, store.table);

  for (let at = 0; at < tableLines.length; at += ITEMS_PER_ROUND) {
    const round = tableLines.slice(at, at + ITEMS_PER_ROUND).map((line, i) => {
      try {
        return lineItem(line);
      } catch (error) {
        throw new BackupFolderError(
          `${join(folder, FILES.table)} line ${at + i + 1}: ${(error as Error).message}`,
        );
      }
    });
    await putItems(store.dynamo, store.table, round);
    const done = Math.min(at + ITEMS_PER_ROUND, tableLines.length);
    onProgress({ phase: 'table', done, total: tableLines.length, bytes: 0 });
  }

  let done = 0;
  let bytes = 0;
  await Promise.all(
    objects.map((line) =>
      limit(async () => {
        const etag = await uploadObject(
          store.s3,
          store.buckets[line.bucket],
          line,
          objectPath(folder, line),
        );
        // The processor pins the original it processed by ETag: a different one reads as replaced.
        if (line.etag && etag && etag !== line.etag) {
          throw new BackupFolderError(
            `${line.bucket}/${line.key} came back with ETag ${etag}, not ${line.etag}`,
          );
        }
        done++;
        bytes += line.bytes;
        onProgress({ phase: 'objects', done, total: objects.length, bytes });
      }),
    ),
  );

  if (manifest.deliveryKeys) {
    await copyFile(join(folder, FILES.deliveryKeys), join(store.dataDir, DELIVERY_KEYS_FILE));
  }
  // A new stream, and the poller's positions in the old one forgotten.
  await ensureTable(store.dynamo, store.table);
  await rm(join(store.dataDir, 'stream-checkpoints.json'), { force: true });
  await rm(join(store.dataDir, RESTORE_MARKER), { force: true });
  return manifest;
}
