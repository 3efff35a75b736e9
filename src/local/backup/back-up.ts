/** `npm run backup`: every item of the table and every object of both buckets, to a folder. */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import pLimit from 'p-limit';
import { IMAGE_SK } from '../../table/layout.js';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupFolderError,
  BUCKET_ROLES,
  FILES,
  isSafeKey,
  objectPath,
  type Manifest,
  type ObjectLine,
} from './folder.js';
import { downloadObject, listObjects } from './objects.js';
import type { OnProgress } from './progress.js';
import type { StoreClients } from './store.js';
import { itemLine, scanItems, tableExists } from './table-items.js';

/** Objects copied at once: enough to overlap the emulator's reads with the folder's writes. */
const CONCURRENCY = 8;

/** A file written line by line, hashed as it goes. */
function lineFile(path: string) {
  const out = createWriteStream(path, { mode: 0o600 });
  const hash = createHash('sha256');
  return {
    write(line: string) {
      const text = `${line}\n`;
      hash.update(text);
      return out.write(text) ? undefined : new Promise<void>((go) => out.once('drain', go));
    },
    async close() {
      out.end();
      await finished(out);
      return hash.digest('hex');
    },
  };
}

/**
 * Copies the store to `folder`, which must be new or empty. The manifest is written last, so a
 * backup stopped half-way is never mistaken for a whole one.
 */
export async function backUp(
  store: StoreClients,
  folder: string,
  onProgress: OnProgress = () => undefined,
): Promise<Manifest> {
  // Checked before the folder is made: a refusal leaves nothing behind.
  const existing = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (existing.length > 0) {
    throw new BackupFolderError(`${folder} is not empty: back up into a new or empty folder`);
  }

  if (!(await tableExists(store.dynamo, store.table))) {
    throw new BackupFolderError(
      `${store.dataDir} holds no table ${store.table}: nothing to back up (has npm start run with this DATA_DIR?)`,
    );
  }
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const table = lineFile(join(folder, FILES.table));
  let items = 0;
  let images = 0;
  for await (const item of scanItems(store.dynamo, store.table)) {
    await table.write(itemLine(item));
    items++;
    if (item.sk?.S === IMAGE_SK) images++;
    if (items % 100 === 0) onProgress({ phase: 'table', done: items, total: items, bytes: 0 });
  }
  const tableSha = await table.close();
  onProgress({ phase: 'table', done: items, total: items, bytes: 0 });

  const keys: { role: (typeof BUCKET_ROLES)[number]; key: string; bytes: number }[] = [];
  for (const role of BUCKET_ROLES) {
    for await (const object of listObjects(store.s3, store.buckets[role])) {
      if (!isSafeKey(object.key)) {
        throw new BackupFolderError(`${role} holds a key the service never makes: ${object.key}`);
      }
      keys.push({ role, ...object });
    }
  }
  const total = keys.length;
  let done = 0;
  let bytes = 0;
  const limit = pLimit(CONCURRENCY);
  const lines: ObjectLine[] = await Promise.all(
    keys.map(({ role, key }) =>
      limit(async () => {
        const bucket = { name: store.buckets[role], role };
        const line = await downloadObject(
          store.s3,
          bucket,
          key,
          objectPath(folder, { bucket: role, key }),
        );
        done++;
        bytes += line.bytes;
        onProgress({ phase: 'objects', done, total, bytes });
        return line;
      }),
    ),
  );
  const objects = lineFile(join(folder, FILES.objects));
  for (const line of lines) await objects.write(JSON.stringify(line));
  const objectsSha = await objects.close();

  const deliveryKeys = await copyFile(
    join(store.dataDir, FILES.deliveryKeys),
    join(folder, FILES.deliveryKeys),
  ).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );

  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    id: randomUUID(),
    createdAt: new Date().toISOString(),
    source: { dataDir: store.dataDir, table: store.table },
    counts: {
      items,
      images,
      objects: {
        originals: lines.filter((l) => l.bucket === 'originals').length,
        variants: lines.filter((l) => l.bucket === 'variants').length,
      },
      bytes,
    },
    deliveryKeys,
    sha256: { table: tableSha, objects: objectsSha },
  };
  const tmp = join(folder, `${FILES.manifest}.tmp`);
  await writeFile(tmp, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, join(folder, FILES.manifest));
  return manifest;
}
