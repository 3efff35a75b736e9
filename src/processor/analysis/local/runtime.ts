/**
 * Loads the offline models once per process: TensorFlow.js on its WebAssembly backend, Human
 * (face detector, facemesh, optional emotion/age and CenterNet objects) and nsfwjs' models.
 * Everything comes from installed npm packages; nothing is fetched over the network.
 *
 * Pitfalls handled here:
 * - Human's package `exports` don't expose its Node WASM build (and its `node` entry needs
 *   tfjs-node, which cannot be installed here), so the build is required by file path.
 * - Human's `wasmPath` defaults to a CDN; it is pointed at the installed tfjs-backend-wasm dist
 *   folder, and the active backend is checked to be `wasm` (if it cannot start, tfjs quietly
 *   runs on a backend ~30× slower).
 * - Human names its models with `file://` URLs, which Node's fetch cannot read: a tfjs load
 *   router serves them from Human's models folder and refuses any other URL.
 * - Human logs a failed model load and carries on: every enabled model is checked loaded.
 * - nsfwjs is imported as ESM (its CommonJS build takes seconds and gigabytes to load), and its
 *   bundled weights are handed to tfjs directly (its loader decodes them byte by byte).
 * - tfjs, Human and nsfwjs must share one tfjs-core: all of them resolve to its CommonJS build.
 */
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as TfCore from '@tensorflow/tfjs-core';
import type * as HumanTypes from '@vladmandic/human';
import type { Config, Human } from '@vladmandic/human';
import type { LocalModerationModel } from '../../../config/analysis.js';
import { modelFileRouter } from './model-files.js';

type Tf = typeof TfCore;
type HumanModule = typeof HumanTypes;

// nsfwjs' declarations use extensionless relative imports, which NodeNext resolution cannot
// follow (everything in them becomes `any`): the parts used here are declared instead.
export interface NsfwModel {
  load(): Promise<void>;
  classify(
    image: TfCore.Tensor3D,
    topk?: number,
  ): Promise<{ className: string; probability: number }[]>;
}
interface NsfwModule {
  NSFWJS: new (model: TfCore.io.IOHandler, options: { size?: number }) => NsfwModel;
}
interface NsfwModelDefinition {
  options: { size?: number; type?: string };
  modelJson: () => Promise<{ default: TfCore.io.ModelJSON }>;
  weightBundles: (() => Promise<{ default: string }>)[];
}

/**
 * The moderation models nsfwjs ships (all trained on the same five classes): MobileNetV2 (a
 * layers model, 224 px, 2.6 MB of weights), its "mid" graph variant (224 px) and InceptionV3
 * (299 px, 22 MB, about 10× the work).
 */
export const NSFW_MODELS = {
  mobilenet_v2: {
    size: 224,
    load: () => import('nsfwjs/models/mobilenet_v2'),
    key: 'MobileNetV2Model',
  },
  mobilenet_v2_mid: {
    size: 224,
    load: () => import('nsfwjs/models/mobilenet_v2_mid'),
    key: 'MobileNetV2MidModel',
  },
  inception_v3: {
    size: 299,
    load: () => import('nsfwjs/models/inception_v3'),
    key: 'InceptionV3Model',
  },
} as const satisfies Record<LocalModerationModel, object>;
/** The settings' names for them (LOCAL_MODERATION_MODELS): each has an entry above. */
export type NsfwModelName = LocalModerationModel;

/** One loaded moderation model and the square input side it was trained on. */
export interface LoadedNsfw {
  name: NsfwModelName;
  model: NsfwModel;
  size: number;
}

export interface LocalModelOptions {
  /** Run Human's emotion and description (age) models too. */
  faceAttributes: boolean;
  /** Run CenterNet object detection for labels. */
  objects: boolean;
  /** Face detector confidence (with mesh rescoring). */
  faceMinConfidence: number;
  /** Objects below this score are not reported by Human. */
  objectMinConfidence: number;
  /** The nsfwjs models moderation runs, each on every image. */
  moderationModels: readonly NsfwModelName[];
}

export interface LocalRuntime {
  tf: Tf;
  human: Human;
  /** The moderation models, in the order of LocalModelOptions.moderationModels. */
  nsfw: LoadedNsfw[];
  /** Milliseconds spent loading this runtime (0 when shared with an earlier load). */
  loadMs: number;
}

const requireHere = createRequire(import.meta.url);

/** Where things live inside node_modules, found through Node's resolution (never a URL). */
export function packagePaths() {
  // `require.resolve('@vladmandic/human')` picks its `node` entry (dist/human.node.js) without
  // loading it; the package root is one folder up.
  const humanRoot = resolve(dirname(requireHere.resolve('@vladmandic/human')), '..');
  return {
    humanBuild: join(humanRoot, 'dist', 'human.node-wasm.js'),
    humanModels: join(humanRoot, 'models'),
    // tfjs-backend-wasm's `main` lives in its dist folder, next to the .wasm binaries.
    wasmDir: dirname(requireHere.resolve('@tensorflow/tfjs-backend-wasm')),
  };
}

let loadsStarted = 0;
let routerRegistered = false;
/** How many model loads this process has started (once per set of options, unless one failed). */
export const localRuntimeLoads = () => loadsStarted;

let base: Promise<{ tf: Tf; H: HumanModule }> | undefined;
const nsfwModels = new Map<NsfwModelName, Promise<LoadedNsfw>>();
const runtimes = new Map<string, Promise<LocalRuntime>>();

/** The runtime for these options: loaded on the first call, shared by every later (or concurrent) one. */
export function loadLocalRuntime(options: LocalModelOptions): Promise<LocalRuntime> {
  const key = JSON.stringify(options);
  let runtime = runtimes.get(key);
  if (!runtime) {
    loadsStarted++;
    runtime = startRuntime(options);
    runtimes.set(key, runtime);
    // A failed load is not cached: the next analyse tries again (and reports the error again).
    runtime.catch(() => runtimes.delete(key));
  }
  return runtime;
}

async function startRuntime(options: LocalModelOptions): Promise<LocalRuntime> {
  const started = performance.now();
  if (!base) {
    const loading = loadBase();
    base = loading;
    loading.catch(() => {
      if (base === loading) base = undefined; // let the next call try again
    });
  }
  const { tf, H } = await base;
  const nsfw = await Promise.all(options.moderationModels.map((name) => loadNsfw(name)));
  const paths = packagePaths();
  const human = new H.Human(humanConfig(options, paths));
  await human.load();
  assertWasm(tf);

  const stats = human.models.stats();
  const missing = stats.modelStats.filter((m) => !m.loaded).map((m) => m.name);
  if (missing.length > 0 || stats.numLoadedModels < stats.numDefinedModels) {
    throw new Error(
      `local analyser: Human could not load its model(s) ${missing.join(', ') || '(unknown)'} from ${paths.humanModels}`,
    );
  }
  return { tf, human, nsfw, loadMs: Math.round(performance.now() - started) };
}

/** tfjs on WASM and nsfwjs: shared by every Human configuration. */
async function loadBase() {
  const paths = packagePaths();
  // The CommonJS tfjs-core that Human's build and @tensorflow/tfjs (imported by nsfwjs) use too.
  const tf = requireHere('@tensorflow/tfjs-core') as Tf;
  // Once per process: a second router for the same URLs would make tfjs refuse both.
  if (!routerRegistered) {
    tf.io.registerLoadRouter(modelFileRouter([paths.humanModels]));
    routerRegistered = true;
  }
  const H = requireHere(paths.humanBuild) as HumanModule;

  // Human switches the backend in human.load(); nsfwjs has to load on it too, so start it here.
  const starter = new H.Human(humanConfig(NO_MODELS, paths));
  await starter.init();
  assertWasm(tf);

  return { tf, H };
}

/** One nsfwjs model, loaded once per process on the WASM backend (after loadBase). */
function loadNsfw(name: NsfwModelName): Promise<LoadedNsfw> {
  let loading = nsfwModels.get(name);
  if (!loading) {
    loading = startNsfw(name);
    nsfwModels.set(name, loading);
    loading.catch(() => nsfwModels.delete(name));
  }
  return loading;
}

async function startNsfw(name: NsfwModelName): Promise<LoadedNsfw> {
  const { tf } = await base!;
  const entry = NSFW_MODELS[name];
  const [nsfwjs, definitions] = await Promise.all([
    import('nsfwjs') as Promise<unknown> as Promise<NsfwModule>,
    entry.load() as Promise<unknown> as Promise<Record<string, NsfwModelDefinition>>,
  ]);
  const definition = definitions[entry.key]!;
  const modelJson = (await definition.modelJson()).default;
  const shards = await Promise.all(
    definition.weightBundles.map(async (bundle) => (await bundle()).default),
  );
  // The shards are base64 text bundled as JavaScript modules; tfjs wants the raw bytes.
  const weights = Buffer.concat(shards.map((s) => Buffer.from(s, 'base64')));
  const handler: TfCore.io.IOHandler = {
    load: () =>
      Promise.resolve({
        modelTopology: modelJson.modelTopology,
        format: modelJson.format,
        generatedBy: modelJson.generatedBy,
        convertedBy: modelJson.convertedBy,
        weightSpecs: modelJson.weightsManifest.flatMap((group) => group.weights),
        weightData: weights.buffer.slice(
          weights.byteOffset,
          weights.byteOffset + weights.byteLength,
        ),
      }),
  };
  const model = new nsfwjs.NSFWJS(handler, { ...definition.options, size: entry.size });
  await model.load();
  assertWasm(tf);
  return { name, model, size: entry.size };
}

function assertWasm(tf: Tf): void {
  const backend = tf.getBackend();
  if (backend !== 'wasm') {
    throw new Error(
      `local analyser: TensorFlow.js is running on "${backend}", not "wasm" (the WebAssembly backend did not start; ` +
        'check that @tensorflow/tfjs-backend-wasm and its .wasm files are installed)',
    );
  }
}

const NO_MODELS: LocalModelOptions = {
  faceAttributes: false,
  objects: false,
  faceMinConfidence: 0.5,
  objectMinConfidence: 0.5,
  moderationModels: [],
};

function humanConfig(
  options: LocalModelOptions,
  paths: ReturnType<typeof packagePaths>,
): Partial<Config> {
  const off = { enabled: false };
  return {
    backend: 'wasm',
    // A folder path (with a trailing separator): Emscripten reads the .wasm file from disk.
    wasmPath: `${paths.wasmDir}/`,
    wasmPlatformFetch: false,
    modelBasePath: pathToFileURL(`${paths.humanModels}/`).href,
    debug: false,
    async: false,
    warmup: 'none',
    cacheModels: false,
    // Every image is new: no reuse of the previous frame's boxes or results.
    cacheSensitivity: 0,
    skipAllowed: false,
    filter: { ...humanDefaults().filter, enabled: false },
    face: {
      enabled: options !== NO_MODELS,
      detector: {
        ...humanDefaults().face.detector,
        enabled: true,
        rotation: false,
        maxDetected: 20,
        minConfidence: options.faceMinConfidence,
        skipFrames: 0,
        skipTime: 0,
        return: false,
      },
      mesh: { ...humanDefaults().face.mesh, enabled: true },
      iris: { ...humanDefaults().face.iris, ...off },
      attention: { ...humanDefaults().face.attention, ...off },
      emotion: {
        ...humanDefaults().face.emotion,
        enabled: options.faceAttributes,
        skipFrames: 0,
        skipTime: 0,
      },
      description: {
        ...humanDefaults().face.description,
        enabled: options.faceAttributes,
        skipFrames: 0,
        skipTime: 0,
      },
      antispoof: { ...humanDefaults().face.antispoof, ...off },
      liveness: { ...humanDefaults().face.liveness, ...off },
    },
    body: { ...humanDefaults().body, ...off },
    hand: { ...humanDefaults().hand, ...off },
    gesture: off,
    segmentation: { ...humanDefaults().segmentation, ...off },
    object: {
      ...humanDefaults().object,
      enabled: options.objects,
      minConfidence: options.objectMinConfidence,
      maxDetected: 20,
      skipFrames: 0,
      skipTime: 0,
    },
  };
}

/** Human's default configuration (for the fields a partial section must still carry). */
function humanDefaults(): Config {
  return (requireHere(packagePaths().humanBuild) as HumanModule).defaults;
}
