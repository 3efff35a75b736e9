/** `npm run backup -- <folder>`: the embedded default's data, copied to a folder. */
import { backUp } from '../src/local/backup/back-up.js';
import { runCommand, summary } from './backup/cli.js';

const HELP = `Usage: npm run backup -- <folder>

Copies everything the embedded default stores (DATA_DIR, default .data/) to a new or empty
folder: every item of the table as JSON lines (table.jsonl, DynamoDB's export format), every
original and variant with its headers (objects.jsonl lists them with their SHA-256), and the
delivery signing keys, so delivery URLs handed out stay valid. Stop npm start first: a backup
takes the data folder to itself. \`npm run restore -- <folder>\` brings it back, on this machine
or another.

The folder holds the signing keys: keep it as private as .data/ itself.`;

await runCommand('npm run backup', HELP, async (store, folder, onProgress) => {
  const manifest = await backUp(store, folder, onProgress);
  return `Backed up ${summary(manifest)} to ${folder}`;
});
