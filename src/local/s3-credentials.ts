import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The one key pair the local S3 endpoint accepts signatures from. */
export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** A new random pair, shaped like AWS's (a 20-character key id, a 40-character secret). */
export const freshS3Credentials = (): S3Credentials => ({
  accessKeyId: `DRLOCAL${randomBytes(7).toString('hex').toUpperCase().slice(0, 13)}`,
  secretAccessKey: randomBytes(30).toString('base64url'),
});

const isCredentials = (value: unknown): value is S3Credentials =>
  typeof value === 'object' &&
  value !== null &&
  /^[A-Z0-9]{16,128}$/.test(String((value as S3Credentials).accessKeyId)) &&
  /^[A-Za-z0-9_-]{40,128}$/.test(String((value as S3Credentials).secretAccessKey));

async function readCredentials(file: string): Promise<S3Credentials | undefined> {
  try {
    const found: unknown = JSON.parse(await readFile(file, 'utf8'));
    return isCredentials(found) ? found : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The data folder's pair, kept in `file` (mode 0600): made on first start, then read, so a stack
 * restarted on the same folder (and any script pointed at it) keeps signing with it, while nobody
 * who has only read the code or the docs can.
 */
export async function folderS3Credentials(file: string): Promise<S3Credentials> {
  const found = await readCredentials(file);
  if (found) {
    // A copy made readable by others (a restore, an archive) is narrowed again.
    await chmod(file, 0o600);
    return found;
  }
  await mkdir(dirname(file), { recursive: true });
  const made = freshS3Credentials();
  try {
    // Exclusive: two stacks starting on one new folder end up with one pair, not two.
    await writeFile(file, `${JSON.stringify(made, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    return made;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // Another start made it a moment ago: its pair, once written.
  for (let attempt = 0; attempt < 5; attempt++) {
    const raced = await readCredentials(file);
    if (raced) return raced;
    await sleep(20);
  }
  // An unreadable or damaged file: replaced, as the DynamoDB key id is.
  await writeFile(file, `${JSON.stringify(made, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return made;
}
