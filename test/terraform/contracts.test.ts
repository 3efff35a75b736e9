/**
 * Contracts between terraform/ and the code: environment variables, handler names and zip paths,
 * the table's keys and stream, the partitions each role may touch, the stream's filter and
 * mapping, the object key layout, the log line the failed-images metric counts, and what the
 * delivery distribution and its edge function agree on.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { HANDLER, LAMBDAS } from '../../scripts/build.js';
import { EDGE_OUTPUT } from '../../scripts/build-edge.js';
import { LAMBDA_PRESETS_FILE, ZIP_PRESETS_FILE } from '../../scripts/build-presets.js';
import {
  ANALYZERS,
  DEFAULT_REJECT_THRESHOLD,
  DEFAULT_REVIEW_THRESHOLD,
  DUPLICATE_ACTIONS,
  analysisEnvSchema,
} from '../../src/config/analysis.js';
import { apiEnvSchema } from '../../src/config/api.js';
import { deliveryEnvSchema } from '../../src/config/delivery.js';
import { LOCAL_ONLY_SETTINGS, RUNTIME_SETTINGS, metricShardsEnv } from '../../src/config/env.js';
import { eventsEnvSchema } from '../../src/config/events.js';
import { processorEnvSchema } from '../../src/config/processor.js';
import { IMMUTABLE } from '../../src/delivery/responses.js';
import { STREAM_FILTER_PATTERNS } from '../../src/events/filter.js';
import {
  HELD_PREFIX,
  ORIGINALS_PREFIX,
  RENDERS_PREFIX,
  heldKey,
  originalKey,
  renderKey,
  rendersPrefix,
  variantKey,
} from '../../src/model/keys.js';
import { SWEEP_EVENT } from '../../src/processor/sweep.js';
import {
  ALL_OWNERS,
  REVIEW_PK,
  TABLE_KEYS,
  eventMarkKey,
  imageKey,
  metricsPk,
} from '../../src/table/layout.js';
import { KVS_KEY_PREFIX, KVS_REQUIRE_EXPIRY, VIEWER_URL_HEADER } from '../../src/urls/edge.js';
import { formatPath, parsePath, storageKey, type DeliveryPath } from '../../src/urls/grammar.js';
import {
  blockBodies,
  isRecord,
  jsonencodeArgument,
  literalValue,
  policyStatements,
  type HclBody,
  type HclValue,
  type TfModule,
} from '../../scripts/terraform/lib/hcl.js';
import { iamLike } from '../../src/local/iam-policy.js';
import { loadTerraformModule, type LoadedModule } from './loaded-module.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Set by the Lambda runtime (reserved) or used only on the embedded default: Terraform must not set them. */
const NOT_SET_BY_TERRAFORM: readonly string[] = [...RUNTIME_SETTINGS, ...LOCAL_ONLY_SETTINGS];

let tf: TfModule;
let locals: Record<string, HclValue>;

beforeAll(async () => {
  ({ tf, locals, block: block } = await loadTerraformModule());
});

let block: LoadedModule['block'];
const resource = (type: string, name: string): HclBody => block('resource', type, name);

function dataSource(type: string, name: string): HclBody {
  const block = tf.blocks.find((b) => b.kind === 'data' && b.type === type && b.name === name);
  if (!block) throw new Error(`terraform/ has no data "${type}" "${name}"`);
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

/**
 * The functions: one resource with an instance per key of local.functions, except those deployed
 * by a resource of their own, named after them (delivery: the API's environment names the
 * distribution, whose origin is the delivery function, and Terraform orders whole resources).
 */
const lambda = () => resource('aws_lambda_function', 'this');
const separateFunctions = () =>
  tf.blocks
    .filter((b) => b.kind === 'resource' && b.type === 'aws_lambda_function' && b.name !== 'this')
    .map((b) => b.name);
const lambdaOf = (fn: string) =>
  separateFunctions().includes(fn) ? resource('aws_lambda_function', fn) : lambda();

/**
 * An argument of `fn`'s function: `local.<map>[each.key].<setting>` (or, in a resource of its
 * own, `local.<map>.<fn>.<setting>`) is read from that map's entry for `fn`; otherwise
 * `each.key` is spelled out as `fn`.
 */
function forFunction(fn: string, value: HclValue | undefined): HclValue | undefined {
  if (typeof value !== 'string') return value;
  const m = /^\$\{local\.(\w+)(?:\[each\.key\]|\.(\w+))\.(\w+)\}$/.exec(value);
  if (!m || (m[2] !== undefined && m[2] !== fn)) return value.replaceAll('${each.key}', fn);
  const entry = (locals[m[1]!] as Record<string, HclValue> | undefined)?.[fn];
  if (!isRecord(entry)) throw new Error(`local.${m[1]} has no entry "${fn}"`);
  if (!(m[3]! in entry)) throw new Error(`local.${m[1]}.${fn} has no "${m[3]}"`);
  return resolve(entry[m[3]!]);
}

/**
 * `fn`'s environment. In aws_lambda_function.this it is local.function_settings' merged with
 * `fn`'s entry (if any) of the local holding what is only known once the distribution exists.
 */
function variablesOf(fn: string): Record<string, HclValue> {
  const raw = only(lambdaOf(fn).environment).variables;
  const merged =
    typeof raw === 'string'
      ? /^\$\{merge\((local\.\w+\[each\.key\]\.\w+), lookup\(local\.(\w+), each\.key, \{\}\)\)\}$/.exec(
          raw,
        )
      : null;
  const variables = forFunction(fn, merged ? `\${${merged[1]}}` : raw);
  if (!isRecord(variables))
    throw new Error(`the ${fn} function's environment.variables is not a map`);
  if (!merged) return variables;
  const late = (locals[merged[2]!] as Record<string, HclValue> | undefined)?.[fn] ?? {};
  if (!isRecord(late)) throw new Error(`local.${merged[2]}.${fn} is not a map`);
  return { ...variables, ...late };
}

const environmentOf = (fn: string): string[] => Object.keys(variablesOf(fn)).sort();

describe('environment variables: Terraform sets exactly what each config schema reads', () => {
  it('api function ↔ apiEnvSchema', () => {
    expect(environmentOf('api')).toEqual(schemaKeys(apiEnvSchema));
  });

  it('processor function ↔ processorEnvSchema', () => {
    expect(environmentOf('processor')).toEqual(schemaKeys(processorEnvSchema));
  });

  it('delivery function ↔ deliveryEnvSchema', () => {
    expect(environmentOf('delivery')).toEqual(schemaKeys(deliveryEnvSchema));
  });

  it('events function ↔ eventsEnvSchema', () => {
    expect(environmentOf('events')).toEqual(schemaKeys(eventsEnvSchema));
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
    for (const fn of LAMBDAS.map((t) => t.name)) {
      for (const name of NOT_SET_BY_TERRAFORM) expect(environmentOf(fn)).not.toContain(name);
    }
  });
});

describe('handlers and zips: Terraform deploys what `npm run build` writes', () => {
  const functions = () =>
    tf.blocks.filter((b) => b.kind === 'resource' && b.type === 'aws_lambda_function');
  const targets = LAMBDAS.map((t) => t.name).sort();

  it('one Terraform function per build target, and no other', () => {
    // One resource with an instance per function (as the log groups and alarms), but for those
    // that need a resource of their own and are left out of its for_each...
    expect(
      functions()
        .map((b) => b.name)
        .sort(),
    ).toEqual(['delivery', 'this']);
    const excluded = separateFunctions()
      .map((fn) => `short != "${fn}"`)
      .join(' && ');
    expect(lambda().for_each).toBe(
      `\${{ for short, name in local.functions : short => name if ${excluded} }}`,
    );
    expect(lambda().function_name).toBe('${each.value}');
    for (const fn of separateFunctions()) {
      expect(lambdaOf(fn).function_name).toBe(`\${local.functions.${fn}}`);
    }
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
    const fn = lambdaOf(name);
    expect(forFunction(name, fn.handler)).toBe(HANDLER);
    expect(forFunction(name, fn.filename)).toBe(`\${local.dist_dir}/${name}.zip`);
    expect(forFunction(name, fn.source_code_hash)).toBe(
      `\${filebase64sha256("\${local.dist_dir}/${name}.zip")}`,
    );
    expect(forFunction(name, fn.runtime)).toBe('nodejs24.x');
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

/** A global secondary index of src/table/layout.ts: each TABLE_KEYS entry with a name and keys. */
interface LayoutIndex {
  name: string;
  partitionKey: string;
  sortKey: string;
}
const layoutIndexes = (): LayoutIndex[] =>
  Object.values(TABLE_KEYS as Record<string, unknown>).filter(
    (v): v is LayoutIndex =>
      typeof v === 'object' && v !== null && 'name' in v && 'partitionKey' in v && 'sortKey' in v,
  );

/**
 * What each index projects, by name, as src/local/dynamodb-emulator.ts creates it (layout.ts
 * does not say). An index added to layout.ts fails here until it is added to terraform/table.tf
 * and to this list.
 */
const PROJECTIONS: Record<string, 'ALL' | 'KEYS_ONLY'> = {
  [TABLE_KEYS.ownerIndex.name]: 'ALL',
  // expiredClaims reads only the image key from the lease index.
  [TABLE_KEYS.leaseIndex.name]: 'KEYS_ONLY',
  // moderationQueue lists whole images.
  [TABLE_KEYS.reviewIndex.name]: 'ALL',
  // The sweep's reminders read the ids due, then write each image by its key.
  [TABLE_KEYS.reviewDueIndex.name]: 'KEYS_ONLY',
};

/** Keys compared as numbers; every other key is a string. */
const NUMBER_KEYS: readonly string[] = [
  // The sweep compares leaseUntil with "now" in epoch seconds: a number key.
  TABLE_KEYS.leaseIndex.sortKey,
];

describe('table: keys, indexes and TTL match src/table/layout.ts', () => {
  it('primary key, attributes, GSIs and TTL', () => {
    const table = resource('aws_dynamodb_table', 'main');
    expect(table.hash_key).toBe(TABLE_KEYS.partitionKey);
    expect(table.range_key).toBe(TABLE_KEYS.sortKey);
    expect(table.billing_mode).toBe('PAY_PER_REQUEST');

    // Every key of the table and of each index, declared once (indexes may share one: the two
    // review indexes' reviewPk).
    const attributes = blockBodies(table.attribute).map((a) => `${str(a.name)}:${str(a.type)}`);
    const keys = new Set([
      TABLE_KEYS.partitionKey,
      TABLE_KEYS.sortKey,
      ...layoutIndexes().flatMap((i) => [i.partitionKey, i.sortKey]),
    ]);
    expect(attributes.sort()).toEqual(
      [...keys].map((k) => `${k}:${NUMBER_KEYS.includes(k) ? 'N' : 'S'}`).sort(),
    );

    const indexes = blockBodies(table.global_secondary_index);
    expect(indexes.map((i) => i.name).sort()).toEqual(
      layoutIndexes()
        .map((i) => i.name)
        .sort(),
    );
    for (const index of layoutIndexes()) {
      expect(PROJECTIONS[index.name], `the projection of ${index.name}`).toBeDefined();
      expect(
        indexes.find((i) => i.name === index.name),
        index.name,
      ).toMatchObject({
        hash_key: index.partitionKey,
        range_key: index.sortKey,
        projection_type: PROJECTIONS[index.name],
      });
    }

    expect(only(table.ttl)).toEqual({ attribute_name: TABLE_KEYS.ttlAttribute, enabled: true });
  });

  it('the review indexes are the ones layout.ts names, sparse on one partition', () => {
    // Spelled out, so the generic comparison above cannot pass on an empty layout.
    expect(layoutIndexes().map((i) => i.name)).toEqual(
      expect.arrayContaining(['byOwner', 'byLease', 'byReview', 'byReviewDue']),
    );
    const indexes = blockBodies(resource('aws_dynamodb_table', 'main').global_secondary_index);
    expect(indexes.find((i) => i.name === 'byReview')).toMatchObject({
      hash_key: 'reviewPk',
      range_key: 'reviewSince',
      projection_type: 'ALL',
    });
    // Both review indexes share the partition key: the one value REVIEW_PK.
    expect(TABLE_KEYS.reviewDueIndex.partitionKey).toBe(TABLE_KEYS.reviewIndex.partitionKey);
    expect(REVIEW_PK).toBe('REVIEW');
  });

  it('the IAM grants on the indexes name the same indexes', () => {
    expect(resolve('${local.owner_index_arn}')).toBe(
      `\${aws_dynamodb_table.main.arn}/index/${TABLE_KEYS.ownerIndex.name}`,
    );
    expect(resolve('${local.lease_index_arn}')).toBe(
      `\${aws_dynamodb_table.main.arn}/index/${TABLE_KEYS.leaseIndex.name}`,
    );
    expect(resolve('${local.review_index_arn}')).toBe(
      `\${aws_dynamodb_table.main.arn}/index/${TABLE_KEYS.reviewIndex.name}`,
    );
    expect(resolve('${local.review_due_index_arn}')).toBe(
      `\${aws_dynamodb_table.main.arn}/index/${TABLE_KEYS.reviewDueIndex.name}`,
    );
    // And no local names an index the table does not have.
    const names = layoutIndexes().map((i) => i.name);
    for (const [local, value] of Object.entries(locals).filter(([k]) => k.endsWith('_index_arn'))) {
      const m = /^\$\{aws_dynamodb_table\.main\.arn\}\/index\/(\w+)$/.exec(str(value));
      expect(m?.[1], `local.${local}`).toBeDefined();
      expect(names, `local.${local}`).toContain(m![1]);
    }
  });
});

/** IAM's StringLike as a regular expression: `*` any characters, `?` exactly one. */
/** Every statement of a policy document, those of `dynamic "statement"` blocks included. */
const statementsOf = (doc: string): HclBody[] =>
  policyStatements(dataSource('aws_iam_policy_document', doc));

/** JSON with every object's keys sorted: equal for equal values, whatever the key order. */
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    isRecord(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

const listOf = (value: HclValue | undefined): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

describe('table stream: the events function is fed what src/events expects', () => {
  const mapping = () => resource('aws_lambda_event_source_mapping', 'events');

  it('the table streams both images of every write', () => {
    const table = resource('aws_dynamodb_table', 'main');
    expect(table.stream_enabled).toBe(true);
    // The handler tells a transition from a later edit of a finished image by the old image.
    expect(table.stream_view_type).toBe('NEW_AND_OLD_IMAGES');
  });

  it('the mapping filter is STREAM_FILTER_PATTERNS of src/events/filter.ts', async () => {
    const filters = blockBodies(only(mapping().filter_criteria).filter);
    const patterns = await Promise.all(
      filters.map((filter) => {
        const argument = jsonencodeArgument(filter.pattern);
        if (argument === undefined) {
          throw new Error(`filter.pattern should be jsonencode({…}), got ${str(filter.pattern)}`);
        }
        return literalValue(argument);
      }),
    );
    // Lambda lets a record through when any pattern matches: their order is free.
    const canonical = (list: readonly unknown[]) => list.map(canonicalJson).sort();
    expect(canonical(patterns)).toEqual(canonical(STREAM_FILTER_PATTERNS));
    expect(patterns).toHaveLength(STREAM_FILTER_PATTERNS.length);
  });

  it('the mapping reads the stream into the events function, which reports partial failures', () => {
    const m = mapping();
    expect(m.event_source_arn).toBe('${aws_dynamodb_table.main.stream_arn}');
    expect(m.function_name).toBe('${aws_lambda_function.this["events"].arn}');
    expect(m.starting_position).toBe('TRIM_HORIZON');
    expect(m.function_response_types).toEqual(['ReportBatchItemFailures']);
    expect(m.bisect_batch_on_function_error).toBe(true);
    // Lambda checks the role's stream and DLQ permissions when it creates the mapping.
    expect(m.depends_on).toEqual(['${aws_iam_role_policy.events}']);
  });

  const handlerPath = join(ROOT, 'src/events/lambda.ts');
  it.skipIf(!existsSync(handlerPath))(
    'the handler answers with batch item failures (skipped while src/events/lambda.ts does not exist)',
    () => {
      const dir = join(ROOT, 'src/events');
      const sources = readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .map((f) => readFileSync(join(dir, f), 'utf8'));
      expect(
        sources.some(
          (s) => s.includes('batchItemFailures') || s.includes('processPartialResponse'),
        ),
        'src/events must return { batchItemFailures } (ReportBatchItemFailures)',
      ).toBe(true);
    },
  );

  it('what the mapping gives up on goes to a queue the events role may send to, and both alarm', () => {
    const destination = only(only(mapping().destination_config).on_failure).destination_arn;
    expect(destination).toBe('${aws_sqs_queue.events_dlq.arn}');
    const send = statementsOf('events').find((s) => listOf(s.actions).includes('sqs:SendMessage'));
    expect(send?.resources).toEqual([destination]);
    expect(resource('aws_sqs_queue', 'events_dlq')).toMatchObject({
      message_retention_seconds: 1209600,
      sqs_managed_sse_enabled: true,
    });
    expect(resource('aws_cloudwatch_metric_alarm', 'events_dlq_depth').dimensions).toEqual({
      QueueName: '${aws_sqs_queue.events_dlq.name}',
    });
    const lag = resource('aws_cloudwatch_metric_alarm', 'events_iterator_age');
    expect(lag).toMatchObject({
      namespace: 'AWS/Lambda',
      metric_name: 'IteratorAge',
      statistic: 'Maximum',
      dimensions: { FunctionName: '${local.functions.events}' },
    });
    // IteratorAge is in milliseconds, the variable in seconds.
    expect(lag.threshold).toBe('${var.events_max_iterator_age_seconds * 1000}');
  });

  it('the events role reads the stream and announces; the processor no longer publishes', () => {
    const events = statementsOf('events');
    const reads = events.find((s) => listOf(s.actions).includes('dynamodb:GetRecords'));
    expect(listOf(reads?.actions).sort()).toEqual([
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
    ]);
    expect(listOf(reads?.resources).map((r) => resolve(r))).toEqual([
      '${aws_dynamodb_table.main.stream_arn}',
    ]);
    const publish = events.find((s) => listOf(s.actions).includes('sns:Publish'));
    expect(publish?.resources).toEqual(['${aws_sns_topic.events.arn}']);
    expect(variablesOf('events').TOPIC_ARN).toBe('${aws_sns_topic.events.arn}');
    const processor = statementsOf('processor').flatMap((s) => listOf(s.actions));
    expect(processor).not.toContain('sns:Publish');
    expect(processor).not.toContain('kms:GenerateDataKey');
  });
});

describe('table partitions: each role reaches only the items its code touches', () => {
  const ID = '0b5b8a3e-6f1c-4c57-9a0e-2f8d3c1b7a64';
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const image = imageKey(ID).pk;
  const mark = eventMarkKey(ID, 'PROCESSED').pk;
  const counters = [
    ...range(64).map((shard) => metricsPk(ALL_OWNERS, shard)),
    ...range(16).map((shard) => metricsPk('9f1c3e2a-owner', shard)),
  ];
  const roles = ['api', 'processor', 'delivery', 'report', 'events'];

  /** The statements of a role granting item actions on the table itself (not an index). */
  const tableGrants = (doc: string) =>
    statementsOf(doc).filter((s) => listOf(s.resources).includes('${local.table_arn}'));

  /** Whether `doc` lets `action` reach the partition `pk`. */
  const reaches = (doc: string, action: string, pk: string) =>
    tableGrants(doc).some((s) => {
      if (!listOf(s.actions).includes(action)) return false;
      const keys = blockBodies(s.condition).find((c) => c.variable === 'dynamodb:LeadingKeys');
      return !keys || listOf(keys.values).some((pattern) => iamLike(pattern, pk));
    });
  const reachesAny = (doc: string, actions: string[], pks: string[]) =>
    actions.some((a) => pks.some((pk) => reaches(doc, a, pk)));

  const READS = ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'];
  const WRITES = ['dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];

  it('every grant on the table names the partitions, with ForAllValues:StringLike', () => {
    for (const doc of roles) {
      for (const s of tableGrants(doc)) {
        expect(blockBodies(s.condition), `${doc}: ${str(s.sid)}`).toEqual([
          {
            test: 'ForAllValues:StringLike',
            variable: 'dynamodb:LeadingKeys',
            values: expect.any(Array) as unknown,
          },
        ]);
      }
    }
  });

  it('the keys src/table/layout.ts builds are under the patterns', () => {
    expect(image.startsWith('IMG#')).toBe(true);
    expect(mark).toBe(image); // markers live in the image's partition
    for (const pk of counters) expect(pk.startsWith('METRICS#'), pk).toBe(true);
  });

  it('events: counts (marker Put + counter Updates), reads and marks its markers', () => {
    for (const action of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:GetItem']) {
      expect(reaches('events', action, mark), action).toBe(true);
      for (const pk of counters)
        expect(reaches('events', action, pk), `${action} ${pk}`).toBe(true);
    }
    expect(
      reachesAny('events', ['dynamodb:DeleteItem', 'dynamodb:Query'], [image, ...counters]),
    ).toBe(false);
  });

  it('processor: its image records only, never a counter', () => {
    expect(reaches('processor', 'dynamodb:UpdateItem', image)).toBe(true);
    expect(reaches('processor', 'dynamodb:GetItem', image)).toBe(true);
    expect(reachesAny('processor', [...READS, ...WRITES], counters)).toBe(false);
  });

  it('api: writes image records only, reads images and counters (all shards in one BatchGetItem)', () => {
    for (const action of WRITES) expect(reaches('api', action, image), action).toBe(true);
    expect(reachesAny('api', WRITES, counters)).toBe(false);
    expect(reaches('api', 'dynamodb:GetItem', image)).toBe(true);
    for (const pk of counters) {
      expect(reaches('api', 'dynamodb:BatchGetItem', pk), pk).toBe(true);
      expect(reaches('api', 'dynamodb:Query', pk), pk).toBe(true);
    }
  });

  it('report: reads counters only; delivery: reads image records only', () => {
    for (const pk of counters) {
      expect(reaches('report', 'dynamodb:Query', pk), pk).toBe(true);
      expect(reaches('report', 'dynamodb:BatchGetItem', pk), pk).toBe(true);
    }
    expect(reachesAny('report', [...READS, ...WRITES], [image])).toBe(false);
    expect(reachesAny('report', WRITES, counters)).toBe(false);
    expect(reaches('delivery', 'dynamodb:GetItem', image)).toBe(true);
    expect(reachesAny('delivery', [...READS, ...WRITES], counters)).toBe(false);
    expect(reachesAny('delivery', WRITES, [image])).toBe(false);
  });
});

describe('metric shards: writers and readers are set from one variable each', () => {
  it.each([
    ['METRICS_SHARDS', 'metrics_shards'],
    ['METRICS_OWNER_SHARDS', 'metrics_owner_shards'],
  ] as const)('%s ← var.%s, with the schema’s default and bounds', (name, variable) => {
    const setters = LAMBDAS.map((t) => t.name).filter((fn) => name in variablesOf(fn));
    // The events function writes the shards; the API and the report read them.
    expect(setters).toEqual(expect.arrayContaining(['api', 'events', 'report']));
    for (const fn of setters) {
      expect(variablesOf(fn)[name], fn).toBe(`\${tostring(var.${variable})}`);
    }
    const declared = tf.blocks.find((b) => b.kind === 'variable' && b.name === variable)?.body;
    expect(declared, `variable "${variable}"`).toBeDefined();
    const schema = metricShardsEnv[name];
    expect(declared!.default).toBe(schema.parse(undefined));
    const condition = str(only(declared!.validation).condition);
    const bounds = new RegExp(`var\\.${variable} >= (\\d+) && var\\.${variable} <= (\\d+)`).exec(
      condition,
    );
    expect(bounds, condition).not.toBeNull();
    const [min, max] = [Number(bounds![1]), Number(bounds![2])];
    expect(schema.safeParse(String(min)).success).toBe(true);
    expect(schema.safeParse(String(min - 1)).success).toBe(false);
    expect(schema.safeParse(String(max)).success).toBe(true);
    expect(schema.safeParse(String(max + 1)).success).toBe(false);
  });
});

describe('sweep: the schedule sends the event the processor recognises', () => {
  it('the sweep schedule targets the processor (its sweep alias) with SWEEP_EVENT as input', async () => {
    const target = only(resource('aws_scheduler_schedule', 'sweep').target);
    expect(target.arn).toBe('${aws_lambda_alias.sweep.arn}');
    expect(resource('aws_lambda_alias', 'sweep')).toMatchObject({
      function_name: '${aws_lambda_function.this["processor"].function_name}',
      function_version: '$LATEST',
    });
    // `${jsonencode({ sweep = true })}` — read the HCL object back as JSON.
    const argument = jsonencodeArgument(target.input);
    expect(
      argument,
      `target.input should be jsonencode({...}), got ${str(target.input)}`,
    ).toBeDefined();
    expect(await literalValue(argument!)).toEqual(SWEEP_EVENT);
  });
});

describe('sweep: its own async invoke config, and only it is invoked by the scheduler', () => {
  // Scheduler invokes Lambda asynchronously: invoked unqualified, a sweep would be retried and
  // dead-lettered with the S3 events (queue.tf).
  it('the alias is invoked with no retries and no destination', () => {
    const config = resource('aws_lambda_function_event_invoke_config', 'sweep');
    expect(config.function_name).toBe('${aws_lambda_alias.sweep.function_name}');
    expect(config.qualifier).toBe('${aws_lambda_alias.sweep.name}');
    expect(config.maximum_retry_attempts).toBe(0);
    expect(config).not.toHaveProperty('destination_config');
    // The S3 events' config stays on the unqualified function.
    const processor = resource('aws_lambda_function_event_invoke_config', 'processor');
    expect(processor).not.toHaveProperty('qualifier');
    expect(only(only(processor.destination_config).on_failure).destination).toBe(
      '${aws_sqs_queue.processor_dlq.arn}',
    );
  });

  it('the scheduler may invoke the sweep alias, not the unqualified processor', () => {
    const invokes = statementsOf('scheduler').filter((s) =>
      listOf(s.actions).includes('lambda:InvokeFunction'),
    );
    const resources = invokes.flatMap((s) => listOf(s.resources));
    expect(invokes.find((s) => s.sid === 'InvokeSweep')?.resources).toEqual([
      '${aws_lambda_alias.sweep.arn}',
    ]);
    expect(resources.filter((r) => r.includes('"processor"'))).toEqual([]);
    expect(resources).not.toContain('${aws_lambda_function.this["processor"].arn}');
  });
});

describe('table stream: never switched off', () => {
  // AWS refuses to turn a stream off while the table has replicas ("Disabling Stream is not
  // allowed for a Global Table replica"), and the events function counts and announces from it.
  it('stream_enabled is the literal true, not a variable or a condition', () => {
    const table = resource('aws_dynamodb_table', 'main');
    // Any expression would come back from the parser as a "${...}" string.
    expect(table.stream_enabled).toStrictEqual(true);
    expect(table.stream_view_type).toStrictEqual('NEW_AND_OLD_IMAGES');
    for (const l of blockBodies(table.lifecycle)) expect(l.ignore_changes).toBeUndefined();
  });
});

describe('originals: a missing key reads as missing to the roles that look for one', () => {
  /** The statements of `doc` granting s3:ListBucket on the originals bucket. */
  const listsOriginals = (doc: string) =>
    statementsOf(doc).filter(
      (s) =>
        listOf(s.actions).includes('s3:ListBucket') &&
        listOf(s.resources).includes('${local.originals_arn}'),
    );

  it.each(['api', 'processor'])(
    '%s may list the originals bucket: S3 answers 404, not 403, for a missing key',
    (doc) => {
      expect(listsOriginals(doc)).toEqual([
        { sid: 'ListOriginals', actions: ['s3:ListBucket'], resources: ['${local.originals_arn}'] },
      ]);
      // The bucket itself, not its objects; no s3:prefix condition (not known to count for 404).
      expect(resolve('${local.originals_arn}')).toBe('${aws_s3_bucket.this["originals"].arn}');
    },
  );

  it('the delivery role may not (it reads AccessDenied as a missing original)', () => {
    expect(listsOriginals('delivery')).toEqual([]);
  });
});

describe('account-wide names: every one carries the region', () => {
  // IAM roles and CloudFront's named resources are unique per account, not per region (and the
  // access-log delivery lives in us-east-1 for every stack): a stack of the same name in another
  // region must not collide with them.
  const named = () =>
    tf.blocks.filter(
      (b) =>
        b.kind === 'resource' &&
        'name' in b.body &&
        (b.type === 'aws_iam_role' ||
          b.type.startsWith('aws_cloudfront') ||
          b.body.region === 'us-east-1'),
    );

  /** Each name's limit (IAM CreateRole, CloudFront and CloudWatch Logs API references). */
  const LIMITS: Record<string, number> = {
    aws_iam_role: 64,
    aws_cloudfront_function: 64,
    aws_cloudfront_key_value_store: 64,
    aws_cloudfront_origin_access_control: 64,
    // The API gives policy names no length; held to CloudFront's tightest name limit.
    aws_cloudfront_cache_policy: 64,
    aws_cloudfront_origin_request_policy: 64,
    aws_cloudfront_response_headers_policy: 64,
    aws_cloudwatch_log_delivery_source: 60,
    aws_cloudwatch_log_delivery_destination: 60,
    aws_cloudwatch_log_group: 512,
  };

  it('every IAM role and every CloudFront name contains var.region', () => {
    const blocks = named();
    expect(blocks.filter((b) => b.type === 'aws_iam_role').length).toBeGreaterThanOrEqual(6);
    expect(blocks.filter((b) => b.type.startsWith('aws_cloudfront')).length).toBeGreaterThanOrEqual(
      7,
    );
    for (const b of blocks) {
      expect(str(b.body.name), `${b.type}.${b.name}`).toContain('${var.region}');
    }
  });

  it('each fits its limit with the longest var.name and region', () => {
    const longestName = 'a'.repeat(20); // var.name's validation: 3 to 20 characters
    const longestRegion = 'ap-southeast-7'; // 14 characters, as the longest region codes
    const longestKey = Object.keys(
      locals.delivery_response_headers as Record<string, unknown>,
    ).sort((a, b) => b.length - a.length)[0]!;
    for (const b of named()) {
      const limit = LIMITS[b.type];
      expect(limit, `no name limit recorded for ${b.type}`).toBeDefined();
      const name = str(b.body.name)
        .replaceAll('${var.name}', longestName)
        .replaceAll('${var.region}', longestRegion)
        .replaceAll('${each.key}', longestKey);
      expect(name, `${b.type}.${b.name}`).not.toContain('${');
      expect(name.length, `${b.type}.${b.name}: ${name}`).toBeLessThanOrEqual(limit!);
    }
  });

  it('CloudFront refuses to delete what the distribution uses: renamed ones are created first', () => {
    for (const b of named().filter((b) => b.type.startsWith('aws_cloudfront'))) {
      expect(blockBodies(b.body.lifecycle), `${b.type}.${b.name}`).toEqual([
        expect.objectContaining({ create_before_destroy: true }),
      ]);
    }
  });
});

describe('Rekognition: the processor calls it in a region that offers it', () => {
  it('REKOGNITION_REGION is rekognition_region, else the stack’s region', () => {
    const processor = variablesOf('processor');
    expect(processor.ANALYZER).toBe('${local.analyzer}');
    expect(ANALYZERS).toContain(locals.analyzer);
    expect(processor.REKOGNITION_REGION).toBe('${local.rekognition_region}');
    expect(locals.rekognition_region).toBe('${coalesce(var.rekognition_region, var.region)}');
    const declared = tf.blocks.find(
      (b) => b.kind === 'variable' && b.name === 'rekognition_region',
    );
    expect(declared?.body.default).toBeNull();
  });

  it('a precondition refuses a Rekognition region that has none, only when analysing with it', () => {
    const conditions = blockBodies(lambda().lifecycle)
      .flatMap((l) => blockBodies(l.precondition))
      .map((p) => str(p.condition));
    expect(conditions).toContain(
      '${each.key != "processor" || local.analyzer != "rekognition" || contains(local.rekognition_regions, local.rekognition_region)}',
    );
    const regions = listOf(locals.rekognition_regions);
    expect(regions.length).toBeGreaterThan(10);
    expect(new Set(regions).size).toBe(regions.length);
    for (const region of ['us-east-1', 'eu-west-1', 'ap-northeast-1'])
      expect(regions).toContain(region);
    // Regions without it: absent from "Amazon Rekognition endpoints and quotas" and the SDK model.
    for (const region of ['eu-north-1', 'eu-west-3', 'ap-east-1', 'me-south-1', 'af-south-1']) {
      expect(regions).not.toContain(region);
    }
  });
});

describe('uploads: the presigned POST does not outlive the role credentials that sign it', () => {
  it('upload_url_ttl_seconds is at most an hour', () => {
    const declared = tf.blocks.find(
      (b) => b.kind === 'variable' && b.name === 'upload_url_ttl_seconds',
    )?.body;
    const condition = str(only(declared?.validation).condition);
    const max = /var\.upload_url_ttl_seconds <= (\d+)/.exec(condition);
    expect(max, condition).not.toBeNull();
    expect(Number(max![1])).toBeLessThanOrEqual(3600);
    expect(Number(declared?.default)).toBeLessThanOrEqual(Number(max![1]));
    expect(variablesOf('api').UPLOAD_URL_TTL_SECONDS).toBe(
      '${tostring(var.upload_url_ttl_seconds)}',
    );
  });
});

describe('storage: expired delete markers are removed', () => {
  it('each bucket has a rule of its own expiring delete markers with no versions left', () => {
    const lifecycle = resource('aws_s3_bucket_lifecycle_configuration', 'this');
    expect(lifecycle.for_each).toBe('${local.buckets}');
    const rule = blockBodies(lifecycle.rule).find((r) => r.id === 'remove-expired-delete-markers');
    expect(rule, 'rule "remove-expired-delete-markers"').toBeDefined();
    expect(rule!.status).toBe('Enabled');
    // The whole bucket: markers are left wherever objects were deleted or expired.
    expect(blockBodies(rule!.filter)).toEqual([{}]);
    // expired_object_delete_marker conflicts with days and date in the same expiration.
    expect(blockBodies(rule!.expiration)).toEqual([{ expired_object_delete_marker: true }]);
    // Markers only become "expired" once the noncurrent versions under them are gone.
    const noncurrent = blockBodies(lifecycle.rule).find(
      (r) => r.id === 'expire-noncurrent-versions',
    );
    expect(blockBodies(noncurrent?.noncurrent_version_expiration)).toHaveLength(1);
  });
});

describe('reserved concurrency: the example sets none', () => {
  it('terraform.tfvars.example reserves nothing, and the README says what to check first', () => {
    const example = readFileSync(join(ROOT, 'terraform/terraform.tfvars.example'), 'utf8');
    expect(example).not.toMatch(/^\s*\w+_reserved_concurrency\s*=/m);
    const readme = readFileSync(join(ROOT, 'terraform/README.md'), 'utf8');
    expect(readme).toContain('aws lambda get-account-settings');
    expect(readme).toContain('UnreservedConcurrentExecutions');
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

  it('renders are stored, listed and deleted under RENDERS_PREFIX', () => {
    expect(locals.renders_prefix).toBe(RENDERS_PREFIX);
    expect(rendersPrefix('id').startsWith(RENDERS_PREFIX)).toBe(true);
    expect(renderKey('id', 2, 'w640_inside_x1', 'webp').startsWith(RENDERS_PREFIX)).toBe(true);
    // What the roles may do there (the lists are limited by an s3:prefix condition).
    const statements = (doc: string) =>
      blockBodies(dataSource('aws_iam_policy_document', doc).statement);
    const renders = '${local.variants_arn}/${local.renders_prefix}*';
    const listing = (doc: string) =>
      statements(doc).find(
        (s) =>
          Array.isArray(s.actions) &&
          s.actions.includes('s3:ListBucket') &&
          listOf(s.resources).includes('${local.variants_arn}'),
      );
    for (const doc of ['api', 'processor']) {
      expect(listing(doc)?.resources, doc).toEqual(['${local.variants_arn}']);
      expect(only(listing(doc)?.condition)).toEqual({
        test: 'StringLike',
        variable: 's3:prefix',
        values: ['${local.renders_prefix}*'],
      });
      expect(
        statements(doc).some(
          (s) =>
            Array.isArray(s.actions) &&
            s.actions.includes('s3:DeleteObject') &&
            Array.isArray(s.resources) &&
            s.resources.includes(renders),
        ),
        `${doc} may delete renders`,
      ).toBe(true);
    }
    expect(statements('delivery').find((s) => s.sid === 'StoreRenders')).toMatchObject({
      actions: ['s3:PutObject'],
      resources: [renders],
    });
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

describe('delivery: the distribution, its edge function and the code agree', () => {
  const distribution = () => resource('aws_cloudfront_distribution', 'delivery');
  /** The image behaviours: all but the web console's (console.test.ts checks those). */
  const behaviours = () =>
    [
      only(distribution().default_cache_behavior),
      ...blockBodies(distribution().ordered_cache_behavior),
    ].filter((b) => b.target_origin_id !== '${local.delivery_origins.console}');
  const ID = '0b5b8a3e-6f1c-4c57-9a0e-2f8d3c1b7a64';
  const render = (format: 'auto' | 'webp'): DeliveryPath => ({
    kind: 'render',
    imageId: ID,
    generation: 2,
    transform: { width: 640, fit: 'inside', format, dpr: 1.5 },
  });
  /** A CloudFront path pattern as a regular expression (`*` any characters, `?` one). */
  const glob = (pattern: string) =>
    new RegExp(
      '^' +
        pattern
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.') +
        '$',
    );
  /** The key of `aws_cloudfront_response_headers_policy.delivery[...]` a behaviour uses. */
  const headersPolicyOf = (behaviour: HclBody) => {
    const m = /^\$\{aws_cloudfront_response_headers_policy\.delivery\["(\w+)"\]\.id\}$/.exec(
      str(behaviour.response_headers_policy_id),
    );
    if (!m)
      throw new Error(
        `unexpected response_headers_policy_id ${str(behaviour.response_headers_policy_id)}`,
      );
    return (locals.delivery_response_headers as Record<string, Record<string, HclBody>>)[m[1]!]!;
  };

  it('the viewer-request function is the one `npm run build:edge` writes, with the key value store', () => {
    const fn = resource('aws_cloudfront_function', 'viewer_request');
    expect(fn.runtime).toBe('cloudfront-js-2.0');
    expect(fn.publish).toBe(true);
    const m = /^\$\{file\("\$\{path\.module\}\/(.+)"\)\}$/.exec(str(fn.code));
    expect(m, `code should be file("\${path.module}/…"), got ${str(fn.code)}`).not.toBeNull();
    expect(`terraform/${m![1]}`).toBe(EDGE_OUTPUT);
    expect(existsSync(join(ROOT, EDGE_OUTPUT)), `${EDGE_OUTPUT}: run npm run build:edge`).toBe(
      true,
    );
    // cf.kvs() with no id reads the one store associated with the function.
    expect(fn.key_value_store_associations).toEqual([
      '${aws_cloudfront_key_value_store.delivery.arn}',
    ]);
    for (const behaviour of behaviours()) {
      expect(blockBodies(behaviour.function_association)).toEqual([
        {
          event_type: 'viewer-request',
          function_arn: '${aws_cloudfront_function.viewer_request.arn}',
        },
      ]);
    }
  });

  it('the key value store holds the names the edge function reads', () => {
    const signing = resource('aws_cloudfrontkeyvaluestore_key', 'signing');
    expect(signing.key).toBe(`${KVS_KEY_PREFIX}\${each.key}`);
    expect(signing.value).toBe('${var.delivery_signing_keys[each.key]}');
    expect(signing.for_each).toBe('${toset(local.delivery_key_ids)}');
    const expiry = resource('aws_cloudfrontkeyvaluestore_key', 'require_expiry');
    expect(expiry.key).toBe(KVS_REQUIRE_EXPIRY);
    // The edge compares with "true"; anything else (here "false") is public mode.
    expect(expiry.value).toBe('${var.delivery_url_ttl_seconds != null ? "true" : "false"}');
    for (const key of [signing, expiry]) {
      expect(key.key_value_store_arn).toBe('${aws_cloudfront_key_value_store.delivery.arn}');
    }
  });

  it('the origin request policy forwards the viewer URL header, and nothing else', () => {
    const policy = resource('aws_cloudfront_origin_request_policy', 'delivery');
    const headers = only(policy.headers_config);
    expect(headers.header_behavior).toBe('whitelist');
    expect(only(headers.headers).items).toEqual([VIEWER_URL_HEADER]);
    expect(only(policy.cookies_config).cookie_behavior).toBe('none');
    expect(only(policy.query_strings_config).query_string_behavior).toBe('none');
    for (const behaviour of behaviours()) {
      expect(behaviour.origin_request_policy_id).toBe(
        '${aws_cloudfront_origin_request_policy.delivery.id}',
      );
    }
  });

  it('the cache key is the rewritten URI alone', () => {
    const policy = resource('aws_cloudfront_cache_policy', 'delivery');
    const parameters = only(policy.parameters_in_cache_key_and_forwarded_to_origin);
    expect(only(parameters.headers_config).header_behavior).toBe('none');
    expect(only(parameters.cookies_config).cookie_behavior).toBe('none');
    expect(only(parameters.query_strings_config).query_string_behavior).toBe('none');
    expect(policy).toMatchObject({ min_ttl: 0, default_ttl: 31536000, max_ttl: 31536000 });
    for (const behaviour of behaviours()) {
      expect(behaviour.cache_policy_id).toBe('${aws_cloudfront_cache_policy.delivery.id}');
    }
  });

  it('responses to `auto` URLs vary on Accept, and only those', () => {
    const ordered = blockBodies(distribution().ordered_cache_behavior);
    const auto = ordered.find((b) => glob(str(b.path_pattern)).test(formatPath(render('auto'))));
    expect(auto, 'an ordered cache behaviour for auto renders').toBeDefined();
    expect(glob(str(auto!.path_pattern)).test(formatPath(render('webp')))).toBe(false);
    expect(parsePath(formatPath(render('auto')))).toMatchObject({ kind: 'render' });
    expect(headersPolicyOf(auto!).Vary).toMatchObject({ value: 'Accept' });
    // Both add the Cache-Control the code sends, unless the origin sent one (errors: no-store).
    for (const behaviour of behaviours()) {
      expect(resolve(headersPolicyOf(behaviour)['Cache-Control'])).toEqual({
        value: IMMUTABLE,
        override: false,
      });
    }
    expect(headersPolicyOf(only(distribution().default_cache_behavior)).Vary).toBeUndefined();
    // The policies add exactly the headers of their entry in the local.
    const policy = resource('aws_cloudfront_response_headers_policy', 'delivery');
    expect(policy.for_each).toBe('${local.delivery_response_headers}');
    const items = only(only(policy.custom_headers_config).dynamic);
    expect(only(items.items).for_each).toBe('${each.value}');
  });

  it('a miss tries the variants bucket, then the delivery function', () => {
    const origins = blockBodies(distribution().origin);
    const group = only(distribution().origin_group);
    expect(only(group.failover_criteria).status_codes).toEqual([403, 404]);
    const [primary, secondary] = blockBodies(group.member).map((m) =>
      origins.find((o) => o.origin_id === m.origin_id),
    );
    expect(primary?.domain_name).toBe(
      '${aws_s3_bucket.this["variants"].bucket_regional_domain_name}',
    );
    expect(primary?.origin_access_control_id).toBe(
      '${aws_cloudfront_origin_access_control.variants.id}',
    );
    expect(str(secondary?.domain_name)).toContain('aws_lambda_function_url.delivery.function_url');
    expect(secondary?.origin_access_control_id).toBe(
      '${aws_cloudfront_origin_access_control.delivery_function.id}',
    );
    expect(resource('aws_cloudfront_origin_access_control', 'variants')).toMatchObject({
      origin_access_control_origin_type: 's3',
      signing_behavior: 'always',
    });
    expect(resource('aws_cloudfront_origin_access_control', 'delivery_function')).toMatchObject({
      origin_access_control_origin_type: 'lambda',
      signing_behavior: 'always',
    });
    expect(resource('aws_lambda_function_url', 'delivery')).toMatchObject({
      function_name: '${aws_lambda_function.delivery.function_name}',
      authorization_type: 'AWS_IAM',
    });
    for (const behaviour of behaviours()) {
      expect(behaviour.target_origin_id).toBe(group.origin_id);
    }
  });

  it('only this distribution may invoke the function URL (both actions Lambda requires)', () => {
    const permissions = tf.blocks
      .filter((b) => b.kind === 'resource' && b.type === 'aws_lambda_permission')
      .map((b) => b.body)
      .filter((p) => p.function_name === '${aws_lambda_function.delivery.function_name}');
    expect(permissions.map((p) => p.action).sort()).toEqual([
      'lambda:InvokeFunction',
      'lambda:InvokeFunctionUrl',
    ]);
    for (const p of permissions) {
      expect(p.principal).toBe('cloudfront.amazonaws.com');
      expect(p.source_arn).toBe('${aws_cloudfront_distribution.delivery.arn}');
    }
    expect(
      permissions.find((p) => p.action === 'lambda:InvokeFunction')?.invoked_via_function_url,
    ).toBe(true);
  });

  it('the variants bucket grants reads to this distribution only, on the keys the edge rewrites to', () => {
    const policy = dataSource('aws_iam_policy_document', 'bucket');
    const allows: HclBody[] = [
      ...blockBodies(policy.statement),
      ...blockBodies(isRecord(policy.dynamic) ? policy.dynamic.statement : undefined).map(
        (d): HclBody => ({ ...only(d.content), for_each: d.for_each ?? null }),
      ),
    ].filter((s) => s.effect !== 'Deny');
    expect(allows).toHaveLength(1);
    const read = allows[0]!;
    expect(read.for_each).toBe('${each.key == "variants" ? [1] : []}');
    expect(read.actions).toEqual(['s3:GetObject']);
    expect(blockBodies(read.principals)).toEqual([
      { type: 'Service', identifiers: ['cloudfront.amazonaws.com'] },
    ]);
    expect(blockBodies(read.condition)).toEqual([
      {
        test: 'StringEquals',
        variable: 'AWS:SourceArn',
        values: ['${aws_cloudfront_distribution.delivery.arn}'],
      },
    ]);
    // Every storage key the edge can rewrite a URL to is under a granted prefix.
    const bucket = '${aws_s3_bucket.this[each.key].arn}/';
    const granted = (read.resources as string[]).map((r) => {
      expect(r.startsWith(bucket) && r.endsWith('*'), r).toBe(true);
      return str(resolve(r.slice(bucket.length, -1)));
    });
    expect(granted.sort()).toEqual([RENDERS_PREFIX, str(locals.variants_prefix)].sort());
    const variant: DeliveryPath = {
      kind: 'variant',
      imageId: ID,
      generation: 3,
      name: 'thumb',
      extension: 'webp',
    };
    for (const key of [
      storageKey(variant),
      storageKey(render('webp')),
      storageKey(render('auto'), 'avif'),
    ]) {
      expect(
        granted.some((prefix) => key.startsWith(prefix)),
        key,
      ).toBe(true);
    }
  });

  it('the API points its URLs at the distribution and invalidates it', () => {
    const api = variablesOf('api');
    expect(resolve(api.DELIVERY_BASE_URL)).toContain(
      'aws_cloudfront_distribution.delivery.domain_name',
    );
    expect(resolve(api.DELIVERY_BASE_URL)).toContain('var.delivery_aliases[0]');
    expect(api.DELIVERY_DISTRIBUTION_ID).toBe('${aws_cloudfront_distribution.delivery.id}');
    const invalidate = blockBodies(dataSource('aws_iam_policy_document', 'api').statement).find(
      (s) => Array.isArray(s.actions) && s.actions.includes('cloudfront:CreateInvalidation'),
    );
    expect(invalidate?.resources).toEqual(['${aws_cloudfront_distribution.delivery.arn}']);
  });
});

describe('review queue and duplicates: settings, indexes and held variants', () => {
  const ID = '0b5b8a3e-6f1c-4c57-9a0e-2f8d3c1b7a64';
  const TABLE = '${aws_dynamodb_table.main.arn}';
  const VARIANTS = '${aws_s3_bucket.this["variants"].arn}';
  const served = variantKey(ID, 'thumb', 'webp', 2);
  const held = heldKey(served);
  const render = renderKey(ID, 2, 'w640_inside_x1', 'webp');

  /** A statement's text with every `${local.x}` holding a string replaced by its value. */
  const expand = (text: string, depth = 0): string =>
    text.replace(/\$\{local\.(\w+)\}/g, (whole, name: string) => {
      const value = locals[name];
      return typeof value === 'string' && depth < 10 ? expand(value, depth + 1) : whole;
    });
  const declared = (name: string): HclBody => {
    const body = tf.blocks.find((b) => b.kind === 'variable' && b.name === name)?.body;
    if (!body) throw new Error(`terraform/ declares no variable "${name}"`);
    return body;
  };

  /** The Allow statements of `doc` granting `action` on `resource` (a wildcard-free ARN). */
  const granting = (doc: string, action: string, resource: string) =>
    statementsOf(doc).filter(
      (s) =>
        s.effect !== 'Deny' &&
        listOf(s.actions).includes(action) &&
        listOf(s.resources).some((r) => iamLike(expand(r), resource)),
    );
  const allows = (doc: string, action: string, resource: string) =>
    granting(doc, action, resource).length > 0;

  it('held variants are written under HELD_PREFIX, which the roles are granted', () => {
    expect(locals.held_prefix).toBe(HELD_PREFIX);
    expect(held.startsWith(str(locals.held_prefix))).toBe(true);
    expect(heldKey(variantKey(ID, 'thumb', 'webp')).startsWith(HELD_PREFIX)).toBe(true);
    // Not under a prefix the distribution reads (its bucket policy grants exactly these).
    for (const prefix of [str(locals.variants_prefix), RENDERS_PREFIX]) {
      expect(held.startsWith(prefix), prefix).toBe(false);
    }
  });

  it('processor: writes and deletes held variants, and never reads the variants bucket', () => {
    for (const action of ['s3:PutObject', 's3:DeleteObject']) {
      expect(allows('processor', action, `${VARIANTS}/${held}`), action).toBe(true);
      expect(allows('processor', action, `${VARIANTS}/${served}`), action).toBe(true);
    }
    // Both in WriteVariants: one statement for every variant write.
    expect(granting('processor', 's3:PutObject', `${VARIANTS}/${held}`).map((s) => s.sid)).toEqual([
      'WriteVariants',
    ]);
    for (const key of [held, served, render]) {
      expect(allows('processor', 's3:GetObject', `${VARIANTS}/${key}`), key).toBe(false);
    }
  });

  it('api: reads and deletes held variants, writes only the served keys (approveImage)', () => {
    // CopyObject reads its source and writes its target; the preview is a presigned GET.
    expect(allows('api', 's3:GetObject', `${VARIANTS}/${held}`)).toBe(true);
    expect(allows('api', 's3:PutObject', `${VARIANTS}/${served}`)).toBe(true);
    // rejectImage, deleteImage, and approval's clean-up.
    expect(allows('api', 's3:DeleteObject', `${VARIANTS}/${held}`)).toBe(true);
    expect(allows('api', 's3:DeleteObject', `${VARIANTS}/${served}`)).toBe(true);
    // Nothing writes held variants but the processor; what is served is read by CloudFront only.
    expect(allows('api', 's3:PutObject', `${VARIANTS}/${held}`)).toBe(false);
    expect(allows('api', 's3:PutObject', `${VARIANTS}/${render}`)).toBe(false);
    expect(allows('api', 's3:GetObject', `${VARIANTS}/${served}`)).toBe(false);
    expect(allows('api', 's3:GetObject', `${VARIANTS}/${render}`)).toBe(false);
    // Nor does anything else reach the held variants.
    for (const doc of ['delivery', 'events']) {
      for (const action of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject']) {
        expect(allows(doc, action, `${VARIANTS}/${held}`), `${doc} ${action}`).toBe(false);
      }
    }
  });

  it('the review indexes: the API queries the queue, the processor the reminders due, unconditioned', () => {
    const index = (name: string) => `${TABLE}/index/${name}`;
    const { reviewIndex, reviewDueIndex, ownerIndex } = TABLE_KEYS;
    expect(allows('api', 'dynamodb:Query', index(reviewIndex.name))).toBe(true);
    expect(allows('processor', 'dynamodb:Query', index(reviewDueIndex.name))).toBe(true);
    // The duplicates step reads the owner's perceptual hashes, as similarImages does.
    expect(allows('processor', 'dynamodb:Query', index(ownerIndex.name))).toBe(true);
    expect(allows('api', 'dynamodb:Query', index(ownerIndex.name))).toBe(true);
    // Each its own: the queue is the API's (moderationQueue), the reminders are the sweep's.
    expect(allows('processor', 'dynamodb:Query', index(reviewIndex.name))).toBe(false);
    expect(allows('api', 'dynamodb:Query', index(reviewDueIndex.name))).toBe(false);
    for (const doc of ['delivery', 'events']) {
      for (const i of [reviewIndex, reviewDueIndex, ownerIndex]) {
        expect(allows(doc, 'dynamodb:Query', index(i.name)), `${doc} ${i.name}`).toBe(false);
      }
    }
    // A query of these names reviewPk = REVIEW (or gsi1pk = OWNER#…), never IMG#: a
    // dynamodb:LeadingKeys condition of image keys would refuse it. Query only, nothing else.
    for (const [doc, name] of [
      ['api', reviewIndex.name],
      ['processor', reviewDueIndex.name],
      ['processor', ownerIndex.name],
    ] as const) {
      for (const s of granting(doc, 'dynamodb:Query', index(name))) {
        expect(s.actions, `${doc} ${str(s.sid)}`).toEqual(['dynamodb:Query']);
        expect(
          listOf(s.resources).map((r) => expand(r)),
          `${doc} ${str(s.sid)}`,
        ).toEqual([index(name)]);
        expect(s.condition, `${doc} ${str(s.sid)}`).toBeUndefined();
      }
    }
  });

  it('the processor is given the review and duplicates settings from their variables', () => {
    const processor = variablesOf('processor');
    expect(processor).toMatchObject({
      MODERATION_THRESHOLD: '${tostring(var.moderation_threshold)}',
      MODERATION_REVIEW_THRESHOLD: '${tostring(var.moderation_review_threshold)}',
      REVIEW_REMINDER_HOURS: '${tostring(var.review_reminder_hours)}',
      DUPLICATES: '${var.duplicates}',
      DUPLICATE_MAX_DISTANCE: '${tostring(var.duplicate_max_distance)}',
    });
    // The processor's alone: the API decides, but never judges.
    for (const fn of LAMBDAS.map((t) => t.name).filter((name) => name !== 'processor')) {
      expect(Object.keys(variablesOf(fn)), fn).not.toContain('MODERATION_REVIEW_THRESHOLD');
    }
  });

  it.each([
    ['MODERATION_THRESHOLD', 'moderation_threshold'],
    ['MODERATION_REVIEW_THRESHOLD', 'moderation_review_threshold'],
    ['REVIEW_REMINDER_HOURS', 'review_reminder_hours'],
    ['DUPLICATES', 'duplicates'],
    ['DUPLICATE_MAX_DISTANCE', 'duplicate_max_distance'],
  ] as const)('%s: var.%s defaults to the schema’s default', (name, variable) => {
    expect(declared(variable).default).toBe(processorEnvSchema.shape[name].parse(undefined));
  });

  it('the defaults: rejected from 80 %, a person decides from 50 %', () => {
    expect(declared('moderation_threshold').default).toBe(DEFAULT_REJECT_THRESHOLD);
    expect(declared('moderation_review_threshold').default).toBe(DEFAULT_REVIEW_THRESHOLD);
    expect(DEFAULT_REVIEW_THRESHOLD).toBeLessThanOrEqual(DEFAULT_REJECT_THRESHOLD);
  });

  it.each([
    ['REVIEW_REMINDER_HOURS', 'review_reminder_hours'],
    ['DUPLICATE_MAX_DISTANCE', 'duplicate_max_distance'],
  ] as const)('%s: var.%s is validated as the schema parses it', (name, variable) => {
    const schema = processorEnvSchema.shape[name];
    const condition = str(only(declared(variable).validation).condition);
    expect(condition).toContain(`floor(var.${variable}) == var.${variable}`);
    const min = new RegExp(`var\\.${variable} >= (\\d+)`).exec(condition);
    expect(min, condition).not.toBeNull();
    expect(schema.safeParse(min![1]).success).toBe(true);
    expect(schema.safeParse(String(Number(min![1]) - 1)).success).toBe(false);
    expect(schema.safeParse('1.5').success).toBe(false);
    const max = new RegExp(`var\\.${variable} <= (\\d+)`).exec(condition);
    if (max) {
      expect(schema.safeParse(max[1]).success).toBe(true);
      expect(schema.safeParse(String(Number(max[1]) + 1)).success).toBe(false);
    } else {
      // No upper bound in Terraform: none in the schema either.
      expect(schema.safeParse('100000').success).toBe(true);
    }
  });

  it('duplicates takes exactly the schema’s DUPLICATE_ACTIONS', () => {
    const condition = str(only(declared('duplicates').validation).condition);
    const m = /^\$\{contains\((\[[^\]]*\]), var\.duplicates\)\}$/.exec(condition);
    expect(m, condition).not.toBeNull();
    expect((JSON.parse(m![1]!) as string[]).sort()).toEqual([...DUPLICATE_ACTIONS].sort());
  });

  it('the thresholds are ratios, and a precondition keeps review at or below reject', () => {
    for (const variable of ['moderation_threshold', 'moderation_review_threshold']) {
      expect(str(only(declared(variable).validation).condition)).toBe(
        `\${var.${variable} >= 0 && var.${variable} <= 1}`,
      );
    }
    // As the processor's schema refuses the opposite (reviewBelowReject), at plan, not at start.
    const preconditions = blockBodies(lambda().lifecycle).flatMap((l) =>
      blockBodies(l.precondition),
    );
    expect(preconditions.map((p) => str(p.condition))).toContain(
      '${each.key != "processor" || var.moderation_review_threshold <= var.moderation_threshold}',
    );
    // The same rule as the analysis settings' (equal: no review, moderation only rejects).
    const accepted = (review: string, reject: string) =>
      analysisEnvSchema.safeParse({
        MODERATION_REVIEW_THRESHOLD: review,
        MODERATION_THRESHOLD: reject,
      }).success;
    expect(accepted('0.5', '0.8')).toBe(true);
    expect(accepted('0.8', '0.8')).toBe(true);
    expect(accepted('0.9', '0.8')).toBe(false);
  });
});
