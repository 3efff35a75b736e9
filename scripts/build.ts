/**
 * Builds the Lambda packages Terraform deploys:
 *
 *   npm run build [-- --arch arm64|x86_64] [--only api,processor] [--runtime-aws-sdk]
 *
 * Each function is bundled with esbuild (ESM, minified, source maps, node24) into
 * dist/<fn>/handler.mjs, with a two-line dist/<fn>/index.mjs that switches source maps on before
 * loading it (Lambda handler `index.handler`), then zipped to dist/<fn>.zip. Code a function only
 * imports with import() is split into chunks beside handler.mjs (dist/<fn>/*-<hash>.mjs), read
 * when first imported; the zip carries them all. The processor zip
 * also carries sharp with its libvips binary for Linux on the target architecture, installed
 * for that platform with npm (never copied from this machine); the API zip carries the GraphiQL
 * page (graphiql.html, src/graphiql/build.ts); the API and processor zips carry the presets
 * (presets/, from PRESETS_FILE or the shipped file: scripts/build-presets.ts); the processor and
 * delivery zips carry the HEIC decoder (scripts/build-heic.ts). The web console's
 * static files go to dist/console/ (src/console/build.ts), which Terraform uploads.
 * dist/manifest.json records the architecture; Terraform refuses to deploy a processor built for
 * another one.
 *
 * Packages that never run in these functions are kept out (scripts/build-plugins.ts). The AWS SDK
 * is bundled; `--runtime-aws-sdk` leaves it to the runtime's copy instead (RUNTIME_PACKAGES).
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import {
  httpWithoutEsmFacade,
  oneCopyOfDualPackages,
  withoutApolloUsageReporting,
  zodEnglishOnly,
} from './build-plugins.js';
import { writeConsole } from '../src/console/build.js';
import { writeGraphiqlPage } from '../src/graphiql/build.js';
import { GRAPHIQL_PAGE_FILE } from '../src/graphiql/page-file.js';
import { copyLibheif, HEIC_PACKAGE, HEIC_WORKER } from './build-heic.js';
import { writePresets, ZIP_PRESETS_FILE } from './build-presets.js';
import { zipDirectory } from './terraform/zip.js';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DIST = join(ROOT, 'dist');

/** Lambda handler setting for every function (the file index.mjs, its export `handler`). */
export const HANDLER = 'index.handler';

export interface LambdaTarget {
  /** Short name: dist/<name>.zip, and the Terraform function `<prefix>-<name>`. */
  name: string;
  /** Entry module exporting `handler`. */
  entry: string;
  /** Native packages left out of the bundle and installed into the zip for the target platform. */
  native: string[];
  /** Files written beside the bundle (read at run time, kept out of it): name → writer. */
  assets?: Record<string, (file: string) => Promise<number>>;
  /** Carries the HEIC decoder (its worker and libheif's WebAssembly build: build-heic.ts). */
  heic?: boolean;
}

export const LAMBDAS: readonly LambdaTarget[] = [
  {
    name: 'api',
    entry: 'src/api/lambda.ts',
    native: [],
    assets: {
      [GRAPHIQL_PAGE_FILE]: writeGraphiqlPage,
      [ZIP_PRESETS_FILE]: (file) => Promise.resolve(writePresets(file)),
    },
  },
  {
    name: 'processor',
    entry: 'src/processor/lambda.ts',
    native: ['sharp'],
    assets: { [ZIP_PRESETS_FILE]: (file) => Promise.resolve(writePresets(file)) },
    heic: true,
  },
  { name: 'report', entry: 'src/report/lambda.ts', native: [] },
  // Fed by the table's stream: counts each transition exactly once, then announces it.
  { name: 'events', entry: 'src/events/lambda.ts', native: [] },
  // The origin CloudFront fails over to when a render is not stored yet (sharp, like the processor).
  // Renders come from the originals, HEIC among them: it carries the HEIC decoder too.
  { name: 'delivery', entry: 'src/delivery/lambda.ts', native: ['sharp'], heic: true },
];

/**
 * The offline analysers (local mode only; imported dynamically by the application). Kept out of
 * every bundle: on AWS the analyser is Rekognition, and these weigh hundreds of megabytes.
 */
export const EXCLUDED_PACKAGES = ['@vladmandic/human', 'nsfwjs', '@tensorflow/*'];

/**
 * What the nodejs24.x runtime provides: the AWS SDK for JavaScript v3, every client and lib. Left
 * out with --runtime-aws-sdk, which makes the API's code read at start ~240 kB smaller but its
 * cold start slower: Node then loads the SDK as hundreds of separate CommonJS files instead of
 * parsing a few (`npm run bench` measures both; docs/BENCHMARKS.md), and the functions run
 * whatever SDK version the runtime has rather than the one in package-lock.json. Bundled by
 * default.
 */
export const RUNTIME_PACKAGES = ['@aws-sdk/*'];

export interface BuildOptions {
  /** Where dist/<fn>/ and dist/<fn>.zip go (default: dist). */
  dist?: string;
  /** Leave the AWS SDK to the runtime's copy (RUNTIME_PACKAGES) rather than bundle it. */
  runtimeAwsSdk?: boolean;
  /** Where to write esbuild's metafile (what went into each output), for `npm run bench`. */
  metafile?: string;
}

export type Architecture = 'arm64' | 'x86_64';

/** npm's --cpu value for a Lambda architecture. */
const npmCpu = (arch: Architecture) => (arch === 'arm64' ? 'arm64' : 'x64');

export function parseArchitecture(value: string | undefined): Architecture {
  if (value === undefined || value === 'arm64') return 'arm64';
  if (value === 'x86_64' || value === 'x64') return 'x86_64';
  throw new Error(`--arch must be arm64 or x86_64 (got "${value}")`);
}

// esbuild bundles CommonJS dependencies into an ES module: give them `require`, `__filename`
// and `__dirname`, which ESM does not have.
const ESM_SHIM = [
  "import { createRequire as __darkroomCreateRequire } from 'node:module';",
  "import { fileURLToPath as __darkroomFileURLToPath } from 'node:url';",
  "import { dirname as __darkroomDirname } from 'node:path';",
  'const require = __darkroomCreateRequire(import.meta.url);',
  'const __filename = __darkroomFileURLToPath(import.meta.url);',
  'const __dirname = __darkroomDirname(__filename);',
].join('\n');

const LOADER = [
  '// Source maps on before the bundle loads, so stack traces point at src/.',
  'process.setSourceMapsEnabled(true);',
  "export const { handler } = await import('./handler.mjs');",
  '',
].join('\n');

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function directorySize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** Fails when a bundle took in a package it must not carry. */
function assertExcluded(metafile: Metafile, target: LambdaTarget, external: string[]): void {
  const forbidden = [...EXCLUDED_PACKAGES, ...target.native, ...external].map((p) =>
    p.endsWith('/*') ? `node_modules/${p.slice(0, -1)}` : `node_modules/${p}/`,
  );
  const leaked = Object.keys(metafile.inputs).filter((input) =>
    forbidden.some((f) => input.includes(f)),
  );
  if (leaked.length > 0) {
    throw new Error(
      `${target.name}: bundle includes excluded packages:\n  ${leaked.slice(0, 5).join('\n  ')}`,
    );
  }
}

/** Installs `pkg@version` for Linux on `arch` into a cached staging directory; returns its node_modules. */
export function stageNativePackage(pkg: string, arch: Architecture): string {
  const ours = JSON.parse(
    readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8'),
  ) as {
    version: string;
  };
  const cpu = npmCpu(arch);
  const staging = join(ROOT, '.build', `${pkg}-${ours.version}-linux-${cpu}-glibc`);
  const modules = join(staging, 'node_modules');
  if (!existsSync(join(modules, pkg, 'package.json'))) {
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    writeFileSync(join(staging, 'package.json'), '{ "private": true }\n');
    console.log(`  installing ${pkg}@${ours.version} for linux-${cpu} (glibc) in ${staging}`);
    execFileSync(
      'npm',
      [
        'install',
        `${pkg}@${ours.version}`,
        '--os=linux',
        `--cpu=${cpu}`,
        '--libc=glibc',
        '--omit=dev',
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--no-package-lock',
        '--ignore-scripts',
      ],
      { cwd: staging, stdio: ['ignore', 'inherit', 'inherit'] },
    );
  }
  if (pkg === 'sharp') {
    // The addon (lib/sharp-linux-<cpu>[-<version>].node) and libvips come as optional packages.
    const addonDir = join(modules, '@img', `sharp-linux-${cpu}`, 'lib');
    const addon = existsSync(addonDir) && readdirSync(addonDir).some((f) => f.endsWith('.node'));
    if (!addon || !existsSync(join(modules, '@img', `sharp-libvips-linux-${cpu}`))) {
      throw new Error(
        `sharp for linux-${cpu} is incomplete in ${staging} (no @img/sharp-linux-${cpu} addon or ` +
          `@img/sharp-libvips-linux-${cpu}); delete that directory and build again`,
      );
    }
  }
  return modules;
}

/** dist/manifest.json: Terraform reads `architecture` (see terraform/lambda.tf). */
export interface Manifest {
  architecture: Architecture;
  functions: Record<string, BuiltFunction>;
}

export interface BuiltFunction {
  handler: string;
  zip: string;
  /** All of the function's JavaScript: handler.mjs and every chunk. */
  bundleBytes: number;
  /** What loading handler.mjs reads: it and the chunks it imports statically, transitively. */
  startBytes: number;
  /** Chunks beside handler.mjs (code imported with import(), and what they share). */
  chunks: number;
  /** The source maps of all of it (in the zip). */
  mapBytes: number;
  zipBytes: number;
}

/**
 * A build's outputs by absolute path (esbuild's metafile names them relative to the cwd), and
 * the ones loading handler.mjs reads: it and the chunks it imports statically, transitively,
 * not those only import() reaches.
 */
export function outputsReadAtStart(metafile: Metafile, outDir: string) {
  const outputs = new Map(
    Object.entries(metafile.outputs).map(([path, output]) => [resolve(path), output]),
  );
  const read = new Set<string>();
  const visit = (path: string) => {
    if (read.has(path)) return;
    read.add(path);
    for (const i of outputs.get(path)?.imports ?? []) {
      if (i.kind === 'import-statement' && !i.external) visit(resolve(i.path));
    }
  };
  visit(join(outDir, 'handler.mjs'));
  return { outputs, read };
}

/** Sizes of a build's JavaScript, from esbuild's metafile (output paths relative to the cwd). */
export function codeSizes(
  metafile: Metafile,
  outDir: string,
): Pick<BuiltFunction, 'bundleBytes' | 'startBytes' | 'chunks' | 'mapBytes'> {
  const { outputs, read } = outputsReadAtStart(metafile, outDir);
  const js = [...outputs].filter(([path]) => path.endsWith('.mjs'));
  const maps = [...outputs].filter(([path]) => path.endsWith('.mjs.map'));
  const sum = (paths: Iterable<string>) =>
    [...paths].reduce((total, path) => total + (outputs.get(path)?.bytes ?? 0), 0);
  return {
    bundleBytes: sum(js.map(([path]) => path)),
    startBytes: sum(read),
    // Entry points (handler.mjs, a worker's) are not chunks.
    chunks: js.filter(([, output]) => !output.entryPoint).length,
    mapBytes: sum(maps.map(([path]) => path)),
  };
}

export async function buildOne(
  target: LambdaTarget,
  arch: Architecture,
  { dist = DIST, runtimeAwsSdk = false, metafile }: BuildOptions = {},
): Promise<BuiltFunction | undefined> {
  const entry = join(ROOT, target.entry);
  if (!existsSync(entry)) {
    console.warn(`skip ${target.name}: ${target.entry} does not exist yet`);
    return undefined;
  }
  const outDir = join(dist, target.name);
  const runtime = runtimeAwsSdk ? RUNTIME_PACKAGES : [];
  const heic = target.heic ? [HEIC_PACKAGE] : [];
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const result = await build({
    entryPoints: [{ in: entry, out: 'handler' }, ...(target.heic ? [HEIC_WORKER] : [])],
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    // What a function imports with import() (the API's S3, presigner, CloudFront and GraphiQL,
    // the SDK's credential providers other than the environment's) goes into chunks beside
    // handler.mjs, read only when first imported: a cold start parses only what it runs. Beside
    // it, not in a folder, so import.meta.url means the same folder in every chunk.
    splitting: true,
    chunkNames: '[name]-[hash]',
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    legalComments: 'none',
    mainFields: ['module', 'main'],
    external: [...EXCLUDED_PACKAGES, ...target.native, ...runtime, ...heic],
    plugins: [
      zodEnglishOnly,
      withoutApolloUsageReporting,
      oneCopyOfDualPackages,
      httpWithoutEsmFacade,
    ],
    banner: { js: ESM_SHIM },
    metafile: true,
    logLevel: 'warning',
  });
  assertExcluded(result.metafile, target, [...runtime, ...heic]);
  writeFileSync(join(outDir, 'index.mjs'), LOADER);
  const assets: string[] = [];
  for (const [name, write] of Object.entries(target.assets ?? {})) {
    assets.push(`${name} ${kib(await write(join(outDir, name)))}`);
  }

  for (const pkg of target.native) {
    cpSync(stageNativePackage(pkg, arch), join(outDir, 'node_modules'), { recursive: true });
  }
  if (target.heic) assets.push(`HEIC decoder ${mib(copyLibheif(outDir))} (${HEIC_PACKAGE})`);
  const code = codeSizes(result.metafile, outDir);
  const zip = `${target.name}.zip`;
  const zipBytes = zipDirectory(outDir, join(dist, zip));
  const native =
    target.native.length > 0
      ? `, node_modules ${mib(directorySize(join(outDir, 'node_modules')))}`
      : '';
  const extra = assets.map((a) => `, ${a}`).join('');
  console.log(
    `  ${target.name.padEnd(10)} bundle ${kib(code.bundleBytes)} (${kib(code.startBytes)} read at start, ${code.chunks} chunks), maps ${kib(code.mapBytes)}${native}${extra} → dist/${zip} ${mib(zipBytes)}`,
  );
  if (metafile) writeFileSync(metafile, JSON.stringify(result.metafile));
  return { handler: HANDLER, zip, ...code, zipBytes };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (flag: string) => {
    const i = args.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
    if (i < 0) return undefined;
    return args[i]!.includes('=') ? args[i]!.split('=')[1] : args[i + 1];
  };
  const arch = parseArchitecture(value('--arch') ?? process.env.LAMBDA_ARCH);
  const only = value('--only')?.split(',');
  const runtimeAwsSdk = args.includes('--runtime-aws-sdk');
  const targets = LAMBDAS.filter((t) => !only || only.includes(t.name));
  const withConsole = !only || only.includes('console');
  if (only && targets.length + Number(withConsole) !== only.length)
    throw new Error(
      `--only: known parts are ${[...LAMBDAS.map((t) => t.name), 'console'].join(', ')}`,
    );

  mkdirSync(DIST, { recursive: true });
  console.log(`building Lambda packages for ${arch} into ${DIST}`);
  // With --only, keep what an earlier build recorded for the other functions.
  const manifestPath = join(DIST, 'manifest.json');
  const previous: Manifest | undefined =
    only && existsSync(manifestPath)
      ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest)
      : undefined;
  const functions: Record<string, BuiltFunction> = { ...previous?.functions };
  for (const target of targets) {
    delete functions[target.name];
    const built = await buildOne(target, arch, { runtimeAwsSdk });
    if (built) functions[target.name] = built;
  }
  // `architecture` describes the native code, i.e. the processor zip.
  const architecture =
    previous && !targets.some((t) => t.native.length > 0) ? previous.architecture : arch;
  const manifest: Manifest = { architecture, functions };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`wrote dist/manifest.json (${Object.keys(functions).join(', ') || 'no functions'})`);
  if (withConsole) {
    const bytes = await writeConsole(join(DIST, 'console'));
    console.log(`console: dist/console/ ${kib(bytes)} (uploaded by terraform/console.tf)`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
