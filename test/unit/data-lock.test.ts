import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataFolderBusyError, lockDataFolder } from '../../src/local/data-lock.js';

describe('the data folder lock', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'darkroom-lock-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('lets one process at a time have the folder, and names who has it', async () => {
    const release = await lockDataFolder(dir, 'npm start');
    const refused = lockDataFolder(dir, 'npm run backup');
    await expect(refused).rejects.toThrow(DataFolderBusyError);
    await expect(refused).rejects.toThrow(
      new RegExp(`^${dir} is in use by npm start \\(process ${process.pid}, since `),
    );
    await release();
    const again = await lockDataFolder(dir, 'npm run backup');
    expect(JSON.parse(await readFile(join(dir, 'lock.json'), 'utf8'))).toMatchObject({
      pid: process.pid,
      purpose: 'npm run backup',
    });
    await again();
  });

  it('takes over the lock of a process that has gone', async () => {
    // A process that has certainly exited: its pid is free (or reused, rarely, by another).
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    await writeFile(
      join(dir, 'lock.json'),
      JSON.stringify({ pid: gone, purpose: 'npm start', since: '2026-01-01T00:00:00Z' }),
    );
    const release = await lockDataFolder(dir, 'npm run restore');
    await release();
  });
});
