/**
 * Serves TensorFlow.js graph models from disk. Human names its models with `file://` URLs, which
 * tfjs hands to `fetch` in Node, and Node's fetch cannot read files. This load router answers
 * those URLs from the file system instead, only inside the folders it is given, and refuses
 * every other URL (http, https, anything else), so no model is ever fetched over the network.
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as TfCore from '@tensorflow/tfjs-core';
import type { io } from '@tensorflow/tfjs-core';

/** The subset of a tfjs `model.json` this loader reads. */
interface ModelJson {
  modelTopology?: object;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  signature?: object;
  userDefinedMetadata?: { [key: string]: object };
  modelInitializer?: object;
  weightsManifest?: { paths: string[]; weights: io.WeightsManifestEntry[] }[];
}

/** What `tf.io.registerLoadRouter` takes. */
export type LoadRouter = Parameters<typeof TfCore.io.registerLoadRouter>[0];

export class ModelFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFileError';
  }
}

const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
};

/** The file a model URL names, if it is a `file://` URL inside one of `roots`; throws otherwise. */
export function localModelPath(url: string, roots: readonly string[]): string {
  if (!url.startsWith('file://')) {
    throw new ModelFileError(
      `refusing to load a model from ${JSON.stringify(url)}: only local file:// models are allowed (no network)`,
    );
  }
  const path = resolve(fileURLToPath(url));
  if (!roots.some((root) => inside(resolve(root), path))) {
    throw new ModelFileError(`refusing to load a model outside the model folders: ${path}`);
  }
  return path;
}

/** Reads a graph model (model.json and its weight shards, concatenated) from disk. */
export async function loadModelArtifacts(
  url: string,
  roots: readonly string[],
): Promise<io.ModelArtifacts> {
  const path = localModelPath(url, roots);
  const json = JSON.parse(await readFile(path, 'utf8')) as ModelJson;
  if (!json.modelTopology) throw new ModelFileError(`${path} has no modelTopology`);
  const folder = dirname(path);
  const weightSpecs: io.WeightsManifestEntry[] = [];
  const shards: Buffer[] = [];
  for (const group of json.weightsManifest ?? []) {
    for (const shard of group.paths) {
      const shardPath = resolve(folder, shard);
      if (!inside(folder, shardPath)) {
        throw new ModelFileError(`${path} names a weight file outside its folder: ${shard}`);
      }
      shards.push(await readFile(shardPath));
    }
    weightSpecs.push(...group.weights);
  }
  const weights = Buffer.concat(shards);
  const artifacts: io.ModelArtifacts = {
    modelTopology: json.modelTopology,
    weightSpecs,
    // A fresh ArrayBuffer holding exactly the weights (a Buffer may be a view into a larger pool).
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
  };
  if (json.format !== undefined) artifacts.format = json.format;
  if (json.generatedBy !== undefined) artifacts.generatedBy = json.generatedBy;
  if (json.convertedBy !== undefined) artifacts.convertedBy = json.convertedBy;
  if (json.signature !== undefined) artifacts.signature = json.signature;
  if (json.userDefinedMetadata !== undefined)
    artifacts.userDefinedMetadata = json.userDefinedMetadata;
  if (json.modelInitializer !== undefined) artifacts.modelInitializer = json.modelInitializer;
  return artifacts;
}

/**
 * A tfjs load router: every string URL gets a handler that serves it from `roots` or refuses it,
 * so tfjs never falls back to its HTTP loader.
 */
export function modelFileRouter(roots: readonly string[]): LoadRouter {
  return (url: string | string[]) => ({
    load: () =>
      typeof url === 'string'
        ? loadModelArtifacts(url, roots)
        : Promise.reject(new ModelFileError('refusing to load a model split across several URLs')),
  });
}
