/**
 * A backup folder of the embedded default, and what it holds:
 *
 *   manifest.json      written last: a folder without it is not a finished backup
 *   table.jsonl        every item of the table, one `{"Item": …}` per line in DynamoDB JSON (the
 *                      format of DynamoDB's export to S3, which its import from S3 also reads)
 *   objects.jsonl      one line per stored object: which bucket, key, size, SHA-256, headers
 *   originals/<key>    the originals' bytes (uploads/<image id>)
 *   variants/<key>     the variants' and stored renders' bytes
 *   delivery-keys      the data folder's delivery signing keys, so delivery URLs stay valid
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from '../../model/zod.js';

export const BACKUP_FORMAT = 'darkroom-backup';
export const BACKUP_VERSION = 1;
export const FILES = {
  manifest: 'manifest.json',
  table: 'table.jsonl',
  objects: 'objects.jsonl',
  deliveryKeys: 'delivery-keys',
} as const;
export const BUCKET_ROLES = ['originals', 'variants'] as const;
export type BucketRole = (typeof BUCKET_ROLES)[number];

const sha256 = z.string().check(z.regex(/^[0-9a-f]{64}$/));
const count = z.int().check(z.nonnegative());

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  id: z.uuid(),
  createdAt: z.iso.datetime(),
  source: z.object({ dataDir: z.string(), table: z.string() }),
  counts: z.object({
    items: count,
    images: count,
    objects: z.object({ originals: count, variants: count }),
    bytes: count,
  }),
  deliveryKeys: z.boolean(),
  /** Of table.jsonl and objects.jsonl: a restore reads nothing from a folder that changed. */
  sha256: z.object({ table: sha256, objects: sha256 }),
});
export type Manifest = z.infer<typeof manifestSchema>;

/**
 * Object keys as the service makes them (uploads/<uuid>, variants/…, renders/…, held/…): letters,
 * digits and `._-=,/`, no empty or dot-only segments, so a key names a file inside the folder.
 */
const SAFE_KEY = /^(?!.*(?:^|\/)\.{0,2}(?:\/|$))[A-Za-z0-9._\-=,/]{1,1024}$/;

export const objectLineSchema = z.object({
  bucket: z.enum(BUCKET_ROLES),
  key: z.string().check(z.regex(SAFE_KEY, { error: 'not an object key the service makes' })),
  bytes: count,
  sha256,
  etag: z.optional(z.string()),
  contentType: z.optional(z.string()),
  cacheControl: z.optional(z.string()),
  contentDisposition: z.optional(z.string()),
  metadata: z.optional(z.record(z.string(), z.string())),
});
export type ObjectLine = z.infer<typeof objectLineSchema>;

export const isSafeKey = (key: string) => SAFE_KEY.test(key);
export const objectPath = (folder: string, line: Pick<ObjectLine, 'bucket' | 'key'>) =>
  join(folder, line.bucket, ...line.key.split('/'));

/** The manifest of a finished backup, or an error that says what the folder is instead. */
export async function readManifest(folder: string): Promise<Manifest> {
  const path = join(folder, FILES.manifest);
  const found = await stat(folder).catch(() => undefined);
  if (!found?.isDirectory()) throw new BackupFolderError(`${folder} is not a folder`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new BackupFolderError(
      `${folder} holds no ${FILES.manifest}: not a finished backup (a backup writes it last)`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupFolderError(`${path} is not JSON`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BackupFolderError(
      `${path} is not a Darkroom backup manifest of version ${BACKUP_VERSION}: ${issue.path.join('.') || 'manifest'}: ${issue.message}`,
    );
  }
  return parsed.data;
}

/** A backup folder that cannot be written to or restored from; the message says why. */
export class BackupFolderError extends Error {
  override name = 'BackupFolderError';
}

/** Kept in the data folder while a restore runs: a restore stopped half-way can be run again. */
export const RESTORE_MARKER = 'restore-unfinished.json';

/** The backup an unfinished restore into this data folder was reading, if any. */
export const restoreUnfinished = (dataDir: string): Promise<{ id: string } | undefined> =>
  readFile(join(dataDir, RESTORE_MARKER), 'utf8').then(
    (text) => JSON.parse(text) as { id: string },
    () => undefined,
  );
