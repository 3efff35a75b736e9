/**
 * The functions' IAM policies exactly as terraform/iam.tf writes them (and CloudFront's read of
 * the variants bucket, from the bucket policy in terraform/storage.tf), read with the project's
 * HCL parser and resolved to the names of one embedded stack, so the local S3 and DynamoDB
 * fronts hold each function to its deployed permissions.
 *
 * Resolved: the table's and the buckets' ARNs, the table's stream, and `local.*` values that are
 * plain strings. Every other reference (log groups, queues, topics, keys, the distribution)
 * resolves to an ARN no local request carries, so what the policies grant on them is unused here.
 */
import { join } from 'node:path';
import {
  blockBodies,
  loadModule,
  policyStatements,
  strings,
  type HclBody,
  type TfModule,
} from '../../scripts/terraform/lib/hcl.js';
import type { PolicyCondition, PolicyStatement } from '../../src/local/iam-policy.js';
import type { LocalPrincipalName } from '../../src/local/principals.js';
import type { LocalResourceNames } from '../../src/local/stack.js';

const TERRAFORM_DIR = join(import.meta.dirname, '..', '..', 'terraform');

/** A statement as written: its strings may hold `${…}` references. */
export interface WrittenStatement extends PolicyStatement {
  /** Which policy document it is in (`api`, `processor`, …, `bucket`). */
  document: string;
}

export type PolicySet = Record<LocalPrincipalName, WrittenStatement[]>;

/** The principal → the policy document Terraform attaches to its role. */
const ROLE_DOCUMENTS: Partial<Record<LocalPrincipalName, string>> = {
  api: 'api',
  processor: 'processor',
  delivery: 'delivery',
  events: 'events',
};

function written(body: HclBody, document: string): WrittenStatement {
  const conditions: PolicyCondition[] = blockBodies(body.condition).map((c) => ({
    test: strings(c.test).join(''),
    variable: strings(c.variable).join(''),
    values: strings(c.values),
  }));
  return {
    document,
    ...(typeof body.sid === 'string' ? { sid: body.sid } : {}),
    effect: body.effect === 'Deny' ? 'Deny' : 'Allow',
    actions: strings(body.actions),
    resources: strings(body.resources),
    ...(conditions.length ? { conditions } : {}),
  };
}

function documentBody(module: TfModule, name: string): HclBody {
  const block = module.blocks.find(
    (b) => b.kind === 'data' && b.type === 'aws_iam_policy_document' && b.name === name,
  );
  if (!block) throw new Error(`terraform has no aws_iam_policy_document.${name}`);
  return block.body;
}

/** Reads the policies from the Terraform module (terraform/ unless another folder is given). */
export async function loadTerraformPolicies(dir = TERRAFORM_DIR): Promise<{
  policies: PolicySet;
  locals: Record<string, unknown>;
}> {
  const module = await loadModule(dir);
  if (module.errors.length) throw new Error(module.errors.map((e) => e.message).join('\n'));
  const policies = {} as PolicySet;
  for (const [principal, document] of Object.entries(ROLE_DOCUMENTS)) {
    policies[principal as LocalPrincipalName] = policyStatements(
      documentBody(module, document),
    ).map((body) => written(body, document));
  }
  // CloudFront's stand-in: the bucket policy's Allow statements for the distribution, with the
  // condition naming the distribution dropped (the stand-in is that distribution).
  policies.cloudfront = policyStatements(documentBody(module, 'bucket'))
    .filter((body) =>
      blockBodies(body.principals).some((p) =>
        strings(p.identifiers).includes('cloudfront.amazonaws.com'),
      ),
    )
    .map((body) => {
      const statement = written(body, 'bucket');
      const conditions = statement.conditions?.filter(
        (c) => c.variable.toLowerCase() !== 'aws:sourcearn',
      );
      return { ...statement, conditions: conditions ?? [] };
    });
  const locals: Record<string, unknown> = {};
  for (const block of module.blocks) if (block.kind === 'locals') Object.assign(locals, block.body);
  return { policies, locals };
}

/** One `${…}` reference's value on this stack. */
function reference(
  expression: string,
  names: LocalResourceNames,
  locals: Record<string, unknown>,
  depth = 0,
): string {
  const table = `arn:aws:dynamodb:${names.region}:${names.account}:table/${names.tableName}`;
  const bucket = /^aws_s3_bucket\.this\[(?:"(\w+)"|each\.key)\]\.arn$/.exec(expression);
  if (bucket) {
    // each.key: the bucket policy's own bucket, the variants (the only one CloudFront reads).
    const which = bucket[1] ?? 'variants';
    return `arn:aws:s3:::${which === 'originals' ? names.originalsBucket : names.variantsBucket}`;
  }
  if (expression === 'aws_dynamodb_table.main.arn') return table;
  if (expression === 'aws_dynamodb_table.main.stream_arn') return names.streamArn;
  const local = /^local\.(\w+)$/.exec(expression);
  if (local && typeof locals[local[1]!] === 'string' && depth < 10) {
    return resolveText(String(locals[local[1]!]), names, locals, depth + 1);
  }
  return `arn:unresolved:${expression}`;
}

function resolveText(
  text: string,
  names: LocalResourceNames,
  locals: Record<string, unknown>,
  depth = 0,
): string {
  return text.replace(/\$\{([^}]+)\}/g, (_, expression: string) =>
    reference(expression.trim(), names, locals, depth),
  );
}

/** The policies with this stack's names in, for `startStack`'s `policies` hook. */
export function resolvePolicies(
  policies: PolicySet,
  locals: Record<string, unknown>,
  names: LocalResourceNames,
): Record<LocalPrincipalName, PolicyStatement[]> {
  const resolved = {} as Record<LocalPrincipalName, PolicyStatement[]>;
  for (const [principal, statements] of Object.entries(policies)) {
    resolved[principal as LocalPrincipalName] = statements.map((s) => ({
      ...s,
      resources: s.resources.map((r) => resolveText(r, names, locals)),
      conditions: (s.conditions ?? []).map((c) => ({
        ...c,
        values: c.values.map((v) => resolveText(v, names, locals)),
      })),
    }));
  }
  return resolved;
}

/** The same set without one statement (by sid) of one principal: what a test removes. */
export function withoutStatement(
  policies: PolicySet,
  principal: LocalPrincipalName,
  sid: string,
): PolicySet {
  const kept = policies[principal].filter((s) => s.sid !== sid);
  if (kept.length === policies[principal].length) {
    throw new Error(`${principal}'s policy has no statement ${sid}`);
  }
  return { ...policies, [principal]: kept };
}
