import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where the data folder keeps its keys (a backup carries it). */
export const DELIVERY_KEYS_FILE = 'delivery-keys';

/**
 * The embedded default's delivery signing keys (DELIVERY_KEYS): the environment's when set, else
 * the ones kept in the data folder, else a new key written there, so URLs handed out stay valid
 * across restarts for as long as the data they point at.
 */
export async function localDeliveryKeys(
  dataDir: string,
  configured: string | undefined,
): Promise<string> {
  if (configured) return configured;
  const path = join(dataDir, DELIVERY_KEYS_FILE);
  try {
    const kept = (await readFile(path, 'utf8')).trim();
    if (kept) return kept;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const keys = `local:${randomBytes(32).toString('base64url')}`;
  await writeFile(path, `${keys}\n`, { mode: 0o600, flag: 'wx' }).catch((error: unknown) => {
    // Another start wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  });
  return (await readFile(path, 'utf8')).trim();
}
