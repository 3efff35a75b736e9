/**
 * The optional backup of the originals (terraform/backup.tf): off by default, and then nothing of
 * it exists; on, S3 replicates what the API signs uploads for, and no delete, to a private,
 * versioned bucket in backup_region, through a role with exactly the replication permissions; the
 * originals bucket keeps versions whenever the backup is on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  blockBodies,
  isRecord,
  policyStatements,
  strings,
  type HclBody,
  type HclValue,
  type TfBlock,
  type TfModule,
} from '../../scripts/terraform/lib/hcl.js';
import { ORIGINALS_PREFIX, originalKey } from '../../src/model/keys.js';
import { loadTerraformModule, type LoadedModule } from './loaded-module.js';
import { evaluateExpression, evaluateValue, type Scope } from './expression.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let tf: TfModule;
let locals: Record<string, HclValue>;

beforeAll(async () => {
  ({ tf, locals, block: find } = await loadTerraformModule());
});

let find: LoadedModule['block'];
const resource = (type: string, name: string) => find('resource', type, name);
const policy = (name: string) => find('data', 'aws_iam_policy_document', name);
const variable = (name: string) => find('variable', '', name);

const only = (value: HclValue | undefined): HclBody => {
  const bodies = blockBodies(value);
  if (bodies.length !== 1) throw new Error(`expected one block, got ${JSON.stringify(value)}`);
  return bodies[0]!;
};

const ACCOUNT = '123456789012';
const ORIGINALS_ARN = `arn:aws:s3:::darkroom-originals-${ACCOUNT}-eu-west-1`;
const BACKUP_ARN = `arn:aws:s3:::darkroom-backup-${ACCOUNT}-eu-west-1`;

/** Terraform's view at apply: the variables (defaults unless given) and what only AWS knows. */
function scope(vars: Record<string, unknown> = {}, known: Record<string, unknown> = {}): Scope {
  const defaults = Object.fromEntries(
    tf.blocks.filter((b) => b.kind === 'variable').map((b) => [b.name, b.body.default ?? null]),
  );
  return {
    vars: { ...defaults, name: 'darkroom', region: 'eu-west-1', ...vars },
    locals,
    known: {
      'data.aws_caller_identity.current.account_id': ACCOUNT,
      'aws_s3_bucket.this["originals"].arn': ORIGINALS_ARN,
      'aws_s3_bucket.backup[0].arn': BACKUP_ARN,
      ...known,
    },
  };
}
const render = (value: HclValue | undefined, s: Scope = scope()) => {
  if (value === undefined) throw new Error('nothing to render');
  return evaluateValue(value, s);
};

/** Every resource and data source of backup.tf. */
const backupBlocks = () =>
  tf.blocks.filter((b) => b.file === 'backup.tf' && (b.kind === 'resource' || b.kind === 'data'));
const address = (b: TfBlock) => `${b.kind === 'data' ? 'data.' : ''}${b.type}.${b.name}`;

/** The resources configuring the backup bucket itself (not the replication rule on the source). */
const BUCKET_RESOURCES = [
  'aws_s3_bucket',
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_versioning',
  'aws_s3_bucket_lifecycle_configuration',
  'aws_s3_bucket_policy',
];

describe('backup: off by default, and then nothing of it exists', () => {
  it('backup_enabled is a bool, false unless set', () => {
    expect(variable('backup_enabled')).toMatchObject({ type: '${bool}', default: false });
  });

  it('every resource and data source of backup.tf has count 0 when off, 1 when on', () => {
    const blocks = backupBlocks();
    expect(blocks.map(address)).toEqual(
      expect.arrayContaining([
        ...BUCKET_RESOURCES.map((t) => `${t}.backup`),
        'aws_s3_bucket_replication_configuration.backup',
        'aws_iam_role.backup_replication',
        'aws_iam_role_policy.backup_replication',
        'data.aws_iam_policy_document.backup_replication',
        'data.aws_iam_policy_document.backup_replication_assume',
        'data.aws_iam_policy_document.backup_bucket',
      ]),
    );
    for (const b of blocks) {
      expect(b.body.for_each, address(b)).toBeUndefined();
      expect(render(b.body.count, scope()), address(b)).toBe(0);
      expect(render(b.body.count, scope({ backup_enabled: true })), address(b)).toBe(1);
    }
  });

  it('nothing outside backup.tf uses the backup’s resources, except the outputs (null when off)', () => {
    const names = new Set(backupBlocks().map(address));
    const users = tf.blocks.filter(
      (b) =>
        b.file !== 'backup.tf' && [...names].some((n) => JSON.stringify(b.body).includes(`${n}[`)),
    );
    expect(users.map((b) => `${b.kind}.${b.name}`)).toEqual(['output.backup_bucket']);
    const known = { 'aws_s3_bucket.backup[0].id': `darkroom-backup-${ACCOUNT}-eu-west-1` };
    const bucket = find('output', '', 'backup_bucket').value;
    const region = find('output', '', 'backup_region').value;
    expect(render(bucket, scope({}, known))).toBeNull();
    expect(render(region, scope({}, known))).toBeNull();
    const on = scope({ backup_enabled: true, backup_region: 'eu-central-1' }, known);
    expect(render(bucket, on)).toBe(`darkroom-backup-${ACCOUNT}-eu-west-1`);
    expect(render(region, on)).toBe('eu-central-1');
  });
});

describe('backup: the replication rule', () => {
  const replication = () => resource('aws_s3_bucket_replication_configuration', 'backup');
  const rule = () => only(replication().rule);

  it('is on the originals bucket, in the stack’s region, and the only one there', () => {
    expect(replication().bucket).toBe('${aws_s3_bucket.this["originals"].id}');
    expect(replication().role).toBe('${aws_iam_role.backup_replication[0].arn}');
    expect(replication().region).toBeUndefined();
    const all = tf.blocks.filter((b) => b.type === 'aws_s3_bucket_replication_configuration');
    expect(all).toHaveLength(1);
    expect(rule().status).toBe('Enabled');
  });

  it('copies what the API signs uploads for, and nothing else', () => {
    const filter = only(rule().filter);
    expect(Object.keys(filter)).toEqual(['prefix']);
    const prefix = render(filter.prefix) as string;
    expect(prefix).toBe(ORIGINALS_PREFIX);
    expect(originalKey('0b5b8a3e-6f1c-4c57-9a0e-2f8d3c1b7a64').startsWith(prefix)).toBe(true);
  });

  it('replicates no delete marker: a deleteImage leaves the backup as it was', () => {
    expect(only(rule().delete_marker_replication)).toEqual({ status: 'Disabled' });
    // No other selection either: existing objects are Batch Replication's (README), not the rule's.
    expect(rule().source_selection_criteria).toBeUndefined();
    expect(rule().existing_object_replication).toBeUndefined();
  });

  it('writes into the backup bucket, in backup_storage_class', () => {
    const destination = only(rule().destination);
    expect(destination.bucket).toBe('${aws_s3_bucket.backup[0].arn}');
    expect(destination.storage_class).toBe('${var.backup_storage_class}');
    expect(render(destination.storage_class, scope({ backup_storage_class: 'STANDARD_IA' }))).toBe(
      'STANDARD_IA',
    );
  });

  it('backup_storage_class: GLACIER_IR unless set, and only classes replication can write', () => {
    expect(variable('backup_storage_class').default).toBe('GLACIER_IR');
    const condition = only(variable('backup_storage_class').validation).condition;
    const accepts = (value: string) =>
      render(condition, scope({ backup_storage_class: value })) as boolean;
    for (const ok of [
      'STANDARD',
      'STANDARD_IA',
      'ONEZONE_IA',
      'INTELLIGENT_TIERING',
      'GLACIER_IR',
      'GLACIER',
      'DEEP_ARCHIVE',
    ])
      expect(accepts(ok), ok).toBe(true);
    for (const bad of ['REDUCED_REDUNDANCY', 'OUTPOSTS', 'EXPRESS_ONEZONE', 'glacier_ir', ''])
      expect(accepts(bad), bad).toBe(false);
  });

  it('waits for versioning on both buckets and for the role’s permissions', () => {
    expect(replication().depends_on).toEqual(
      expect.arrayContaining([
        '${aws_s3_bucket_versioning.this}',
        '${aws_s3_bucket_versioning.backup}',
        '${aws_iam_role_policy.backup_replication}',
      ]),
    );
  });
});

describe('backup: the originals bucket keeps versions whenever the backup is on', () => {
  const versioning = () => resource('aws_s3_bucket_versioning', 'this');
  const noncurrentRule = () =>
    blockBodies(resource('aws_s3_bucket_lifecycle_configuration', 'this').rule).find(
      (r) => r.id === 'expire-noncurrent-versions',
    );

  it.each([
    [false, false, 'Suspended', 'Suspended'],
    [false, true, 'Enabled', 'Suspended'],
    [true, false, 'Enabled', 'Enabled'],
    [true, true, 'Enabled', 'Enabled'],
  ])(
    's3_versioning_enabled = %s, backup_enabled = %s: originals %s, variants %s',
    (versioned, backup, originals, variants) => {
      const status = only(versioning().versioning_configuration).status;
      const noncurrent = noncurrentRule()?.status;
      for (const [bucket, expected] of [
        ['originals', originals],
        ['variants', variants],
      ] as const) {
        const s = scope(
          { s3_versioning_enabled: versioned, backup_enabled: backup },
          { 'each.key': bucket },
        );
        expect(render(status, s), bucket).toBe(expected);
        // Noncurrent versions expire wherever there are versions, forced on or not.
        expect(render(noncurrent, s), bucket).toBe(expected === 'Enabled' ? 'Enabled' : 'Disabled');
      }
    },
  );
});

describe('backup: the backup bucket', () => {
  const backup = (type: string) => resource(type, 'backup');

  it('every resource of the bucket is in backup_region, the stack’s region unless set', () => {
    for (const type of BUCKET_RESOURCES)
      expect(backup(type).region, type).toBe('${local.backup_region}');
    expect(evaluateExpression('local.backup_region', scope())).toBe('eu-west-1');
    expect(evaluateExpression('local.backup_region', scope({ backup_region: 'us-east-2' }))).toBe(
      'us-east-2',
    );
    // A resource on the bucket that left its region out would act on the stack's region.
    const onBucket = tf.blocks.filter(
      (b) => b.kind === 'resource' && JSON.stringify(b.body).includes('aws_s3_bucket.backup[0].id'),
    );
    expect(onBucket.map((b) => b.type).sort()).toEqual(BUCKET_RESOURCES.slice(1).sort());
  });

  it('backup_region is null (the stack’s region) or a region code', () => {
    expect(variable('backup_region').default).toBeNull();
    const condition = only(variable('backup_region').validation).condition as string;
    expect(condition).toContain('var.backup_region == null ? true :');
    expect(condition).toContain('^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$');
  });

  it('is named with the stack’s region, within S3’s 63 characters, and follows force_destroy', () => {
    const bucket = backup('aws_s3_bucket');
    expect(render(bucket.bucket)).toBe(`darkroom-backup-${ACCOUNT}-eu-west-1`);
    const longest = render(
      bucket.bucket,
      scope({ name: 'a'.repeat(20), region: 'ap-southeast-7', backup_region: 'us-east-1' }),
    ) as string;
    expect(longest.length).toBeLessThanOrEqual(63);
    expect(longest).toContain('ap-southeast-7');
    expect(bucket.force_destroy).toBe('${var.force_destroy}');
  });

  it('private: public access blocked, ACLs off, SSE-S3', () => {
    expect(backup('aws_s3_bucket_public_access_block')).toEqual({
      count: '${var.backup_enabled ? 1 : 0}',
      region: '${local.backup_region}',
      bucket: '${aws_s3_bucket.backup[0].id}',
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(only(backup('aws_s3_bucket_ownership_controls').rule)).toEqual({
      object_ownership: 'BucketOwnerEnforced',
    });
    const sse = only(backup('aws_s3_bucket_server_side_encryption_configuration').rule);
    expect(only(sse.apply_server_side_encryption_by_default)).toEqual({ sse_algorithm: 'AES256' });
  });

  it('versioned, as a replication destination must be', () => {
    expect(only(backup('aws_s3_bucket_versioning').versioning_configuration)).toEqual({
      status: 'Enabled',
    });
  });

  it('TLS only, and no Allow for anyone', () => {
    const bucketPolicy = backup('aws_s3_bucket_policy');
    expect(bucketPolicy.policy).toBe('${data.aws_iam_policy_document.backup_bucket[0].json}');
    expect(bucketPolicy.depends_on).toEqual(['${aws_s3_bucket_public_access_block.backup}']);
    const statements = policyStatements(policy('backup_bucket'));
    expect(statements).toHaveLength(1);
    const [deny] = statements;
    expect(deny).toMatchObject({ effect: 'Deny', actions: ['s3:*'] });
    expect(strings(deny!.resources)).toEqual([
      '${aws_s3_bucket.backup[0].arn}',
      '${aws_s3_bucket.backup[0].arn}/*',
    ]);
    expect(blockBodies(deny!.principals)).toEqual([{ type: '*', identifiers: ['*'] }]);
    expect(blockBodies(deny!.condition)).toEqual([
      { test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] },
    ]);
  });

  describe('lifecycle', () => {
    const lifecycle = () => backup('aws_s3_bucket_lifecycle_configuration');
    const rules = () =>
      new Map(blockBodies(lifecycle().rule).map((r) => [typeof r.id === 'string' ? r.id : '', r]));

    it('aborts abandoned uploads, expires earlier versions, removes expired delete markers', () => {
      expect([...rules().keys()].sort()).toEqual([
        'abort-abandoned-uploads',
        'expire-noncurrent-versions',
        'remove-expired-delete-markers',
      ]);
      for (const [id, r] of rules()) {
        expect(r.status, id).toBe('Enabled');
        expect(blockBodies(r.filter), id).toEqual([{}]);
      }
      expect(
        only(rules().get('abort-abandoned-uploads')!.abort_incomplete_multipart_upload),
      ).toEqual({ days_after_initiation: '${var.abandoned_upload_expiration_days}' });
      expect(
        only(rules().get('expire-noncurrent-versions')!.noncurrent_version_expiration),
      ).toEqual({ noncurrent_days: '${var.backup_noncurrent_version_expiration_days}' });
      expect(only(rules().get('remove-expired-delete-markers')!.expiration)).toEqual({
        expired_object_delete_marker: true,
      });
      expect(lifecycle().depends_on).toEqual(['${aws_s3_bucket_versioning.backup}']);
      expect(variable('backup_noncurrent_version_expiration_days').default).toBe(90);
    });

    it('expires backups only when backup_expiration_days is set (0, the default, keeps them)', () => {
      const dynamic = lifecycle().dynamic;
      expect(isRecord(dynamic)).toBe(true);
      const [expiry] = blockBodies((dynamic as HclBody).rule);
      expect(expiry).toBeDefined();
      const content = only(expiry!.content);
      expect(content).toMatchObject({ id: 'expire-backups', status: 'Enabled' });
      expect(blockBodies(content.filter)).toEqual([{}]);
      expect(only(content.expiration)).toEqual({ days: '${rule.value}' });
      expect(variable('backup_expiration_days').default).toBe(0);
      expect(render(expiry!.for_each, scope())).toEqual([]);
      expect(render(expiry!.for_each, scope({ backup_expiration_days: 365 }))).toEqual([365]);
    });
  });
});

describe('backup: the replication role has exactly what replication needs', () => {
  const statements = () => policyStatements(policy('backup_replication'));
  const rendered = (s: HclBody) => strings(s.resources).map((r) => render(r) as string);

  it('S3 alone may assume it, for this account’s originals bucket', () => {
    const role = resource('aws_iam_role', 'backup_replication');
    expect(role.assume_role_policy).toBe(
      '${data.aws_iam_policy_document.backup_replication_assume[0].json}',
    );
    expect(role.name).toBe('${var.name}-backup-replication-${var.region}');
    const [trust, ...more] = policyStatements(policy('backup_replication_assume'));
    expect(more).toEqual([]);
    expect(trust!.effect ?? 'Allow').toBe('Allow');
    expect(trust!.actions).toEqual(['sts:AssumeRole']);
    expect(blockBodies(trust!.principals)).toEqual([
      { type: 'Service', identifiers: ['s3.amazonaws.com'] },
    ]);
    const conditions = blockBodies(trust!.condition).map((c) => ({
      ...c,
      values: strings(c.values).map((v) => render(v)),
    }));
    expect(conditions).toEqual([
      { test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] },
      { test: 'StringEquals', variable: 'aws:SourceArn', values: [ORIGINALS_ARN] },
    ]);
  });

  it('the documented minimum, without s3:ReplicateDelete, and no wildcard', () => {
    const actions = statements().flatMap((s) => strings(s.actions));
    expect([...actions].sort()).toEqual([
      's3:GetObjectVersionAcl',
      's3:GetObjectVersionForReplication',
      's3:GetObjectVersionTagging',
      's3:GetReplicationConfiguration',
      's3:ListBucket',
      's3:ReplicateObject',
      's3:ReplicateTags',
    ]);
    expect(actions).not.toContain('s3:ReplicateDelete');
    for (const a of actions) expect(a, a).not.toMatch(/[*?]/);
    for (const s of statements()) {
      expect(s.effect ?? 'Allow').toBe('Allow');
      expect(s.not_actions).toBeUndefined();
      expect(s.not_resources).toBeUndefined();
    }
  });

  it('each action on its bucket alone: the source bucket, the originals, the replicas', () => {
    const byAction = new Map<string, string[]>();
    for (const s of statements()) {
      for (const a of strings(s.actions)) byAction.set(a, rendered(s));
    }
    const expected: Record<string, string[]> = {
      's3:GetReplicationConfiguration': [ORIGINALS_ARN],
      's3:ListBucket': [ORIGINALS_ARN],
      's3:GetObjectVersionForReplication': [`${ORIGINALS_ARN}/${ORIGINALS_PREFIX}*`],
      's3:GetObjectVersionAcl': [`${ORIGINALS_ARN}/${ORIGINALS_PREFIX}*`],
      's3:GetObjectVersionTagging': [`${ORIGINALS_ARN}/${ORIGINALS_PREFIX}*`],
      's3:ReplicateObject': [`${BACKUP_ARN}/${ORIGINALS_PREFIX}*`],
      's3:ReplicateTags': [`${BACKUP_ARN}/${ORIGINALS_PREFIX}*`],
    };
    expect(Object.fromEntries(byAction)).toEqual(expected);
  });

  it('is the role’s only policy', () => {
    const attached = tf.blocks.filter(
      (b) =>
        b.kind === 'resource' &&
        b.type.startsWith('aws_iam_') &&
        JSON.stringify(b.body).includes('aws_iam_role.backup_replication'),
    );
    expect(attached.map((b) => `${b.type}.${b.name}`)).toEqual([
      'aws_iam_role_policy.backup_replication',
    ]);
    expect(resource('aws_iam_role_policy', 'backup_replication')).toMatchObject({
      role: '${aws_iam_role.backup_replication[0].id}',
      policy: '${data.aws_iam_policy_document.backup_replication[0].json}',
    });
  });
});

describe('backup: the README says how to turn it on and how to restore', () => {
  it('a section under Deploy to AWS with the tfvars, what is replicated and the restore', () => {
    const readme = readFileSync(join(ROOT, 'terraform/README.md'), 'utf8');
    const start = readme.indexOf('### Backup and restore');
    expect(start).toBeGreaterThan(readme.indexOf('### Operate'));
    const section = readme.slice(start, readme.indexOf('\n## ', start));
    for (const text of [
      'backup_enabled       = true',
      'Batch Replication',
      's3:ReplicateDelete',
      'aws s3api copy-object',
      'originalVersionId',
      'deleteImage',
    ])
      expect(section, text).toContain(text);
  });
});
