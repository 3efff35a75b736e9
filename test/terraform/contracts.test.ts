/**
 * Contracts between terraform/ and the code: environment variables, handler names and zip paths,
 * the table's keys, the object key layout and the log line the failed-images metric counts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { HANDLER, LAMBDAS } from '../../scripts/build.js';
import { LAMBDA_PRESETS_FILE, ZIP_PRESETS_FILE } from '../../scripts/build-presets.js';
import { apiEnvSchema } from '../../src/config/api.js';
import { LOCAL_ONLY_SETTINGS, RUNTIME_SETTINGS } from '../../src/config/env.js';
import { processorEnvSchema } from '../../src/config/processor.js';
import { ORIGINALS_PREFIX, originalKey, variantKey } from '../../src/model/keys.js';
import { SWEEP_EVENT } from '../../src/processor/sweep.js';
import { TABLE_KEYS } from '../../src/table/layout.js';
import {
  blockBodies,
  isRecord,
  loadModule,
  type HclBody,
  type HclValue,
  type TfModule,
} from '../../scripts/terraform/lib/hcl.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Set by the Lambda runtime (reserved) or used only on the embedded default: Terraform must not set them. */
const NOT_SET_BY_TERRAFORM: readonly string[] = [...RUNTIME_SETTINGS, ...LOCAL_ONLY_SETTINGS];

let tf: TfModule;
let locals: Record<string, HclValue>;

beforeAll(async () => {
  tf = await loadModule(join(ROOT, 'terraform'));
  locals = Object.assign(
    {},
    ...tf.blocks.filter((b) => b.kind === 'locals').map((b) => b.body),
  ) as Record<string, HclValue>;
});

function resource(type: string, name: string): HclBody {
  const block = tf.blocks.find((b) => b.kind === 'resource' && b.type === type && b.name === name);
  if (!block) throw new Error(`terraform/ has no resource "${type}" "${name}"`);
  return block.body;
}

/** Follows `${local.x}` (whole-value references only) to the local's value. */
function resolve(value: HclValue | undefined): HclValue | undefined {
  const m = typeof value === 'string' ? /^\$\{local\.(\w+)\}$/.exec(value) : null;
  return m ? resolve(locals[m[1]!]) : value;
}

/** A plain string value, or its JSON (so a wrong shape shows in the failure). */
const str = (value: HclValue | undefined): string =>
  typeof value === 'string' ? value : JSON.stringify(value);

const only = (value: HclValue | undefined): HclBody => {
  const [first] = blockBodies(value);
  if (!first) throw new Error('expected one block');
  return first;
};

const schemaKeys = (schema: { shape: Record<string, unknown> }) =>
  Object.keys(schema.shape)
    .filter((k) => !NOT_SET_BY_TERRAFORM.includes(k))
    .sort();

/** The functions: one resource, one instance per key of local.functions. */
const lambda = () => resource('aws_lambda_function', 'this');

/**
 * An argument of `fn`'s instance: `local.<map>[each.key].<setting>` is read from that map's
 * entry for `fn`; otherwise `each.key` is spelled out as `fn`.
 */
function forFunction(fn: string, value: HclValue | undefined): HclValue | undefined {
  if (typeof value !== 'string') return value;
  const m = /^\$\{local\.(\w+)\[each\.key\]\.(\w+)\}$/.exec(value);
  if (!m) return value.replaceAll('${each.key}', fn);
  const entry = (locals[m[1]!] as Record<string, HclValue> | undefined)?.[fn];
  if (!isRecord(entry)) throw new Error(`local.${m[1]} has no entry "${fn}"`);
  if (!(m[2]! in entry)) throw new Error(`local.${m[1]}.${fn} has no "${m[2]}"`);
  return resolve(entry[m[2]!]);
}

function variablesOf(fn: string): Record<string, HclValue> {
  const variables = forFunction(fn, only(lambda().environment).variables);
  if (!isRecord(variables))
    throw new Error(`aws_lambda_function.this["${fn}"]: environment.variables is not a map`);
  return variables;
}

const environmentOf = (fn: string): string[] => Object.keys(variablesOf(fn)).sort();

describe('environment variables: Terraform sets exactly what each config schema reads', () => {
  it('api function ↔ apiEnvSchema', () => {
    expect(environmentOf('api')).toEqual(schemaKeys(apiEnvSchema));
  });

  it('processor function ↔ processorEnvSchema', () => {
    expect(environmentOf('processor')).toEqual(schemaKeys(processorEnvSchema));
  });

  const reportSchemaPath = join(ROOT, 'src/config/report.ts');
  it.skipIf(!existsSync(reportSchemaPath))(
    'report function ↔ reportEnvSchema (skipped while src/config/report.ts does not exist: issue 5)',
    async () => {
      // A variable specifier: the module may not exist yet, so it must not be resolved at compile time.
      const specifier = '../../src/config/report.js';
      const mod = (await import(specifier)) as {
        reportEnvSchema?: { shape: Record<string, unknown> };
      };
      expect(mod.reportEnvSchema, 'src/config/report.ts must export reportEnvSchema').toBeDefined();
      expect(environmentOf('report')).toEqual(schemaKeys(mod.reportEnvSchema!));
    },
  );

  it('no function sets a reserved or emulator-only variable', () => {
    for (const fn of ['api', 'processor', 'report']) {
      for (const name of NOT_SET_BY_TERRAFORM) expect(environmentOf(fn)).not.toContain(name);
    }
  });
});

describe('handlers and zips: Terraform deploys what `npm run build` writes', () => {
  const functions = () =>
    tf.blocks.filter((b) => b.kind === 'resource' && b.type === 'aws_lambda_function');
  const targets = LAMBDAS.map((t) => t.name).sort();

  it('one Terraform function per build target, and no other', () => {
    // One resource with an instance per function (as the log groups and alarms)...
    expect(functions().map((b) => b.name)).toEqual(['this']);
    expect(lambda().for_each).toBe('${local.functions}');
    expect(lambda().function_name).toBe('${each.value}');
    // ...named <prefix>-<name> by local.functions, with settings for exactly those functions.
    const named = [...str(locals.functions).matchAll(/^\s*(\w+)\s*=\s*"\$\{var\.name\}-(\w+)"$/gm)];
    expect(named.map(([, short, suffix]) => `${short}=${suffix}`).sort()).toEqual(
      targets.map((t) => `${t}=${t}`),
    );
    expect(Object.keys(locals.function_settings as Record<string, HclValue>).sort()).toEqual(
      targets,
    );
  });

  it.each(LAMBDAS.map((t) => t.name))('%s: handler, zip path, source hash and runtime', (name) => {
    const fn = lambda();
    expect(forFunction(name, fn.handler)).toBe(HANDLER);
    expect(forFunction(name, fn.filename)).toBe(`\${local.dist_dir}/${name}.zip`);
    expect(forFunction(name, fn.source_code_hash)).toBe(
      `\${filebase64sha256("\${local.dist_dir}/${name}.zip")}`,
    );
    expect(forFunction(name, fn.runtime)).toBe('nodejs22.x');
    expect(fn.architectures).toEqual(['${var.architecture}']);
  });

  it('the build entry points live where the build expects them (or are still to be written)', () => {
    for (const target of LAMBDAS) {
      const entry = join(ROOT, target.entry);
      if (!existsSync(entry)) continue; // build.ts skips it with a message
      expect(readFileSync(entry, 'utf8'), `${target.entry} must export handler`).toMatch(
        /export\s+(const|async function|function)\s+handler\b|export\s*\{[^}]*\bhandler\b/,
      );
    }
  });
});

describe('table: keys, indexes and TTL match src/table/layout.ts', () => {
  it('primary key, attributes, GSIs and TTL', () => {
    const table = resource('aws_dynamodb_table', 'main');
    expect(table.hash_key).toBe(TABLE_KEYS.partitionKey);
    expect(table.range_key).toBe(TABLE_KEYS.sortKey);
    expect(table.billing_mode).toBe('PAY_PER_REQUEST');

    const attributes = blockBodies(table.attribute).map((a) => `${str(a.name)}:${str(a.type)}`);
    const { ownerIndex, leaseIndex } = TABLE_KEYS;
    expect(attributes.sort()).toEqual(
      [
        ...[
          TABLE_KEYS.partitionKey,
          TABLE_KEYS.sortKey,
          ownerIndex.partitionKey,
          ownerIndex.sortKey,
        ].map((k) => `${k}:S`),
        `${leaseIndex.partitionKey}:S`,
        // The sweep compares leaseUntil with "now" in epoch seconds: a number key.
        `${leaseIndex.sortKey}:N`,
      ].sort(),
    );

    const indexes = blockBodies(table.global_secondary_index);
    expect(indexes.map((i) => i.name).sort()).toEqual([leaseIndex.name, ownerIndex.name].sort());
    expect(indexes.find((i) => i.name === ownerIndex.name)).toMatchObject({
      hash_key: ownerIndex.partitionKey,
      range_key: ownerIndex.sortKey,
      projection_type: 'ALL',
    });
    // expiredClaims reads only the image key from the lease index.
    expect(indexes.find((i) => i.name === leaseIndex.name)).toMatchObject({
      hash_key: leaseIndex.partitionKey,
      range_key: leaseIndex.sortKey,
      projection_type: 'KEYS_ONLY',
    });

    expect(only(table.ttl)).toEqual({ attribute_name: TABLE_KEYS.ttlAttribute, enabled: true });
  });

  it('the IAM grants on the indexes name the same indexes', () => {
    expect(resolve('${local.owner_index_arn}')).toBe(
      `\${aws_dynamodb_table.main.arn}/index/${TABLE_KEYS.ownerIndex.name}`,
    );
    expect(resolve('${local.lease_index_arn}')).toBe(
      `\${aws_dynamodb_table.main.arn}/index/${TABLE_KEYS.leaseIndex.name}`,
    );
  });
});

describe('sweep: the schedule sends the event the processor recognises', () => {
  it('the sweep schedule targets the processor with SWEEP_EVENT as input', () => {
    const target = only(resource('aws_scheduler_schedule', 'sweep').target);
    expect(target.arn).toBe('${aws_lambda_function.this["processor"].arn}');
    const input = str(target.input);
    // `${jsonencode({ sweep = true })}` — read the HCL object back as JSON.
    const m = /^\$\{jsonencode\((.*)\)\}$/s.exec(input);
    expect(m, `target.input should be jsonencode({...}), got ${input}`).not.toBeNull();
    const object = Object.fromEntries(
      m![1]!
        .replace(/^\s*\{|\}\s*$/g, '')
        .split(/[,\n]/)
        .map((pair) => pair.trim())
        .filter(Boolean)
        .map((pair) => {
          const [key, value] = pair.split('=').map((x) => x.trim());
          return [key!, JSON.parse(value!) as unknown];
        }),
    );
    expect(object).toEqual(SWEEP_EVENT);
  });
});

describe('object keys: the notification and grants follow src/model/keys.ts', () => {
  it('the processor is notified for objects created under ORIGINALS_PREFIX only', () => {
    const notification = only(resource('aws_s3_bucket_notification', 'originals').lambda_function);
    expect(resolve(notification.filter_prefix)).toBe(ORIGINALS_PREFIX);
    expect(notification.events).toEqual(['s3:ObjectCreated:*']);
    expect(notification.lambda_function_arn).toBe('${aws_lambda_function.this["processor"].arn}');
    expect(
      originalKey('00000000-0000-0000-0000-000000000000').startsWith(str(locals.originals_prefix)),
    ).toBe(true);
  });

  it('variants are written under the prefix the roles are granted', () => {
    expect(variantKey('id', 'thumb', 'webp').startsWith(str(locals.variants_prefix))).toBe(true);
    // Reprocessed generations too.
    expect(variantKey('id', 'thumb', 'webp', 3).startsWith(str(locals.variants_prefix))).toBe(true);
  });
});

describe('logs: the failed-images metric filter counts a line the processor writes', () => {
  it('the processor source logs the message the filter matches', () => {
    const message = str(locals.failed_image_log_message);
    const dir = join(ROOT, 'src/processor');
    const sources = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8'));
    expect(
      sources.some((s) => s.includes(`'${message}'`) || s.includes(`"${message}"`)),
      `no processor module logs '${message}' (terraform/alarms.tf, local.failed_image_log_message)`,
    ).toBe(true);
  });
});

describe('presets: the functions read the file the build puts in their zips', () => {
  it.each(['api', 'processor'])('%s: PRESETS_FILE is where the zip carries the presets', (fn) => {
    expect(resolve(variablesOf(fn).PRESETS_FILE)).toBe(LAMBDA_PRESETS_FILE);
    expect(LAMBDA_PRESETS_FILE).toBe(`/var/task/${ZIP_PRESETS_FILE}`);
    const target = LAMBDAS.find((t) => t.name === fn)!;
    expect(Object.keys(target.assets ?? {})).toContain(ZIP_PRESETS_FILE);
  });

  it('reprocessImage copies an original onto itself: that copy notifies the processor too', () => {
    const notification = only(resource('aws_s3_bucket_notification', 'originals').lambda_function);
    expect(notification.events).toContain('s3:ObjectCreated:*');
  });
});

describe('custom metrics: the alarms watch what the processor emits', () => {
  it('ClaimsRecovered is added by the processor, in the namespace Terraform gives it', () => {
    const alarm = resource('aws_cloudwatch_metric_alarm', 'claims_recovered');
    expect(variablesOf('processor').METRICS_NAMESPACE).toBe(alarm.namespace);
    expect(alarm.dimensions).toEqual({ service: 'processor' });
    const dir = join(ROOT, 'src/processor');
    const sources = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8'));
    expect(
      sources.some((s) => s.includes(`addMetric('${str(alarm.metric_name)}'`)),
      `no processor module adds the metric ${str(alarm.metric_name)}`,
    ).toBe(true);
    // createTelemetry(config.METRICS_NAMESPACE, 'processor') sets the `service` dimension, in
    // the services factory the Lambda builds its handler with.
    expect(readFileSync(join(dir, 'services.ts'), 'utf8')).toContain(
      "createTelemetry(config.METRICS_NAMESPACE, 'processor')",
    );
    expect(readFileSync(join(dir, 'lambda.ts'), 'utf8')).toContain('createProcessorServices(');
  });
});
