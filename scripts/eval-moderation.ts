/**
 * `npm run eval:moderation`: how often the local analyser would refuse or hold ordinary pictures.
 * Runs each nsfwjs model over the corpus (scripts/fetch-moderation-corpus.sh) once, then prints
 * what every model set and pair of thresholds would decide, with the time per image.
 *
 *   npm run eval:moderation [-- --corpus DIR] [--only a.png,b.jpg] [--json FILE]
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LOCAL_MODERATION_MODELS, analysisEnvSchema } from '../src/config/analysis.js';
import { parseEnv } from '../src/config/env.js';
import { corpusFiles, loadModels, type Measured } from './eval-moderation/measure.js';
import { renderReport } from './eval-moderation/report.js';
import type { ModelSet } from './eval-moderation/score.js';

/** Every model alone, and the pairs worth a look (the cheap one checked by each larger one). */
export const MODEL_SETS: ModelSet[] = [
  ['mobilenet_v2'],
  ['mobilenet_v2_mid'],
  ['inception_v3'],
  ['mobilenet_v2', 'mobilenet_v2_mid'],
  ['mobilenet_v2', 'inception_v3'],
  ['mobilenet_v2_mid', 'inception_v3'],
];

export async function evaluate(
  folder: string,
  only?: string[],
  log: (line: string) => void = console.log,
) {
  const files = await corpusFiles(folder, only);
  if (files.length === 0) throw new Error(`no images in ${folder}`);
  log(`Loading ${LOCAL_MODERATION_MODELS.join(', ')}…`);
  const models = await loadModels(LOCAL_MODERATION_MODELS);
  log(`Loaded in ${(models.loadMs / 1000).toFixed(1)} s; measuring ${files.length} images.`);
  const measured: Measured[] = [];
  for (const [i, file] of files.entries()) {
    measured.push(await models.measure(folder, file));
    if ((i + 1) % 10 === 0 || i + 1 === files.length) log(`  ${i + 1}/${files.length}`);
  }
  const settings = parseEnv(analysisEnvSchema, {});
  const report = renderReport(measured, {
    sets: MODEL_SETS,
    defaults: {
      models: settings.LOCAL_MODERATION_MODELS,
      thresholds: {
        review: settings.MODERATION_REVIEW_THRESHOLD,
        reject: settings.MODERATION_THRESHOLD,
      },
    },
  });
  return { measured, report };
}

async function main() {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string', default: join(process.cwd(), '.cache', 'moderation-corpus') },
      only: { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      'usage: npm run eval:moderation [-- --corpus DIR] [--only a.png,b.jpg] [--json FILE]\n' +
        'Fetch the corpus first: bash scripts/fetch-moderation-corpus.sh',
    );
    return;
  }
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  const only = values.only
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const { measured, report } = await evaluate(values.corpus, only);
  if (values.json) await writeFile(values.json, JSON.stringify(measured, null, 1));
  console.log(`\n${report}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(`eval:moderation: ${(error as Error).message}`);
    process.exitCode = 1;
  });
}
