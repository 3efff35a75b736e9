/** `npm run restore -- <folder>`: a backup brought back into an empty data folder. */
import { restore } from '../src/local/backup/restore.js';
import { runCommand, summary } from './backup/cli.js';

const HELP = `Usage: npm run restore -- <folder>

Brings a folder made by \`npm run backup\` back into the embedded default's data folder
(DATA_DIR, default .data/), which must be empty: a new checkout, or one whose .data/ was moved
aside. Every file is checked against the SHA-256 the backup recorded before it is used. Images
keep their ids, variants, delivery URLs, review decisions, metrics and quotas; nothing is
processed, counted or announced again. Stop npm start first. A restore stopped half-way can be
run again with the same folder: it finishes.`;

await runCommand('npm run restore', HELP, async (store, folder, onProgress) => {
  const manifest = await restore(store, folder, onProgress);
  return `Restored ${summary(manifest)} from ${folder} (backed up ${manifest.createdAt}) into ${store.dataDir}`;
});
