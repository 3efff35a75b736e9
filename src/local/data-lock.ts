import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The data folder is in use by another process: `npm start`, a backup or a restore. */
export class DataFolderBusyError extends Error {
  override name = 'DataFolderBusyError';
}

interface Holder {
  pid: number;
  purpose: string;
  since: string;
}

const FILE = 'lock.json';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Who holds the lock; undefined once it is gone or stays unreadable (its writer died mid-write). */
async function readHolder(path: string): Promise<Holder | undefined> {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      return JSON.parse(await readFile(path, 'utf8')) as Holder;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      // Created but not yet written by its taker: give it a moment.
      await sleep(50);
    }
  }
  return undefined;
}

/**
 * Takes the data folder for `purpose` until the returned release is called: two processes on
 * one folder (two `npm start`s, or a backup of a folder a running stack writes to) would corrupt
 * or miss each other's writes. A lock whose process has gone (killed, crashed) is taken over.
 */
export async function lockDataFolder(
  dataDir: string,
  purpose: string,
): Promise<() => Promise<void>> {
  const path = join(dataDir, FILE);
  const me: Holder = { pid: process.pid, purpose, since: new Date().toISOString() };
  for (;;) {
    try {
      await writeFile(path, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await unlink(path).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const held = await readHolder(path);
    if (held && alive(held.pid)) {
      throw new DataFolderBusyError(
        `${dataDir} is in use by ${held.purpose} (process ${held.pid}, since ${held.since}): stop it first, or use another DATA_DIR (if that process is not Darkroom, delete ${path})`,
      );
    }
    // The holder is gone: remove its lock and try again (another taker may win; then it holds).
    await unlink(path).catch(() => undefined);
  }
}
