/**
 * The offline Terraform checks: terraform/ must pass all of them, and each checker must catch
 * the mistakes planted in its fixture (test/terraform/fixtures/<check>/), at the right line, and
 * nothing else.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECKS, checkModule, type CheckName } from '../../scripts/terraform/lib/check-all.js';
import { checkConventions } from '../../scripts/terraform/lib/check-conventions.js';
import { parseAddress, stepsAfter } from '../../scripts/terraform/lib/check-references.js';
import { formatFinding, loadModule, type Finding } from '../../scripts/terraform/lib/hcl.js';
import { loadProviderSchema } from '../../scripts/terraform/lib/schema.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TERRAFORM = join(ROOT, 'terraform');
const FIXTURES = join(ROOT, 'test/terraform/fixtures');
const schema = loadProviderSchema();

describe('terraform/ passes every offline check', () => {
  it.each(CHECKS)('%s', async (check) => {
    const findings = await checkModule(TERRAFORM, [check], schema);
    expect(findings.map(formatFinding)).toEqual([]);
  });
});

interface Expected {
  file?: string;
  /** Text on the line the finding must point at (its first occurrence in the file). */
  at: string;
  message: string;
}

const EXPECTED: Record<CheckName, Expected[]> = {
  syntax: [
    { file: 'broken.tf', at: 'bucket =', message: 'Invalid expression' },
    { file: 'unclosed.tf', at: 'variable "name"', message: 'Unclosed configuration block' },
  ],
  format: [{ at: 'bucket = "example"', message: 'not formatted as terraform fmt would write it' }],
  schema: [
    {
      at: 'resource "aws_s3_bukket"',
      message: 'unknown resource type "aws_s3_bukket" (did you mean "aws_s3_bucket"?)',
    },
    { at: 'bucket_name', message: 'unsupported argument "bucket_name"' },
    { at: '"missing_role"', message: 'missing required argument "role"' },
    { at: 'vars = {}', message: '> environment: unsupported argument "vars"' },
    { at: 'tracing_config {', message: 'block "tracing_config" may appear at most once' },
    {
      at: 'arn = "arn:aws:sqs',
      message: '"arn" is read-only (computed by the provider) and cannot be set',
    },
    { at: 'environment = {', message: '"environment" is a block: write `environment { … }`' },
    { at: '"no_target"', message: 'missing required block "target"' },
    {
      at: 'dynamic "rules"',
      message: 'unknown block type "rules" in dynamic (did you mean "rule"?)',
    },
    {
      at: 'aws_iam_policy_documents',
      message: 'unknown data source type "aws_iam_policy_documents"',
    },
    {
      at: 'regoin',
      message: 'provider "aws": unsupported argument "regoin" (did you mean "region"?)',
    },
  ],
  references: [
    { at: 'var.missing', message: 'reference to undeclared variable "var.missing"' },
    { at: 'variable "unused"', message: 'variable "unused" is declared but not used' },
    { at: 'orphan  =', message: 'local "orphan" is declared but not used' },
    { at: 'bucket_arn', message: '"aws_s3_bucket.single" has no attribute "bucket_arn"' },
    { at: 'local.nope', message: 'reference to undeclared local "local.nope"' },
    {
      at: 'aws_s3_bucket.counted.id',
      message: '"aws_s3_bucket.counted" has count: reference an instance',
    },
    {
      at: 'aws_s3_bucket.single[0]',
      message: 'has no count or for_each, so it takes no instance key [0]',
    },
    {
      at: 'absent.json',
      message: 'reference to undeclared data source "data.aws_iam_policy_document.absent"',
    },
    {
      at: 'aws_s3_bucket.ghost',
      message: 'reference to undeclared resource "aws_s3_bucket.ghost"',
    },
    { at: 'each.value', message: '"each.value" used in a block without for_each' },
    { at: 'single.nope', message: '"aws_s3_bucket.single" has no attribute "nope"' },
    {
      at: '? { a = "b" } : {}',
      message: 'a conditional between an object literal and {} has inconsistent types',
    },
    // Behind a computed index: the attribute, and the instance key on a single resource.
    {
      at: 'bucket_regionn',
      message: '"aws_s3_bucket.counted" has no attribute "bucket_regionn"',
    },
    {
      at: 'aws_s3_bucket.single[count.index].id',
      message: '"aws_s3_bucket.single" has no count or for_each, so it takes no instance key […]',
    },
    // moved / removed addresses (the valid moves in the fixture must pass).
    {
      at: 'from = aws_s3_bucket.single',
      message: 'moved from: "aws_s3_bucket.single" is still declared',
    },
    {
      at: 'to   = aws_s3_bucket.nowhere',
      message: 'moved to: moves to undeclared resource "aws_s3_bucket.nowhere"',
    },
    {
      at: 'to   = aws_s3_bucket.keyed[0]',
      message: '"aws_s3_bucket.keyed" has for_each: its instance keys are strings, not [0]',
    },
    {
      at: 'to   = aws_s3_bucket.single["x"]',
      message: '"aws_s3_bucket.single" has no count or for_each, so it takes no instance key ["x"]',
    },
    {
      at: 'to   = aws_s3_bucket.keyed["d"].arn',
      message: 'is not a resource or module address',
    },
    {
      at: 'from = aws_s3_bucket.keyed',
      message: 'removed from: "aws_s3_bucket.keyed" is still declared',
    },
    { at: 'from = module.kept', message: 'moved from: "module.kept" is still declared' },
    {
      at: 'to   = module.renamed',
      message: 'moved to: moves to undeclared module "module.renamed"',
    },
  ],
  iam: [
    { at: 'sid       = "Wildcard"', message: 'wildcard action "s3:*"' },
    { at: 'sid       = "Unknown"', message: 'unknown action "s3:GetObjekt"' },
    {
      at: 'sid       = "Star"',
      message: 'Resource "*" for actions that can be scoped to resources: s3:GetObject',
    },
    {
      at: 'sid       = "WrongService"',
      message: '"sns:Publish" does not act on the statement\'s resources (sqs)',
    },
    { at: 'sid         = "NotAction"', message: 'NotAction / NotResource in an Allow statement' },
    { at: 'sid       = "DynamicStar"', message: 'can be scoped to resources: sqs:SendMessage' },
    {
      at: 'sid       = "KeyNotSet"',
      message: 'condition key "dynamodb:LeadingKeys" does not apply to "dynamodb:GetRecords"',
    },
    {
      at: 'sid       = "NoSetOperator"',
      message: '"dynamodb:LeadingKeys" is multi-valued: "StringLike" needs ForAllValues:',
    },
    {
      at: 'sid       = "SetOnSingle"',
      message:
        '"s3:prefix" is single-valued: "ForAllValues:StringLike" holds whenever the key is absent',
    },
    { at: 'sid       = "UnknownKey"', message: 'unknown condition key "s3:prefx"' },
    { at: 'sid       = "Public"', message: 'Allow for principal "*" makes the resource public' },
    {
      at: '"sts:AssumeRole", "s3:GetObject"',
      message: 'trust policies may only allow sts:AssumeRole*, not "s3:GetObject"',
    },
    {
      at: '"sts:AssumeRole", "s3:GetObject"',
      message: 'trust policy lets any principal ("*") assume the role',
    },
    { at: 'policy = jsonencode', message: 'policy must come from an aws_iam_policy_document' },
    { at: '"managed"', message: 'managed policy attachments are not allowed' },
    { at: '"orphan"', message: 'policy document is not used' },
  ],
  conventions: [
    { file: 'providers.tf', at: '', message: 'missing providers.tf' },
    { file: 'variables.tf', at: '', message: 'missing variables.tf' },
    { file: 'outputs.tf', at: '', message: 'missing outputs.tf' },
    { file: 'README.md', at: '', message: 'missing README.md' },
    { file: 'versions.tf', at: 'terraform {', message: 'terraform block has no required_version' },
    {
      file: 'versions.tf',
      at: 'terraform {',
      message: 'aws provider version "~> 6.0" is not pinned to one exact version',
    },
    { at: 'variable "undocumented"', message: 'variable "undocumented" has no description' },
    { at: 'variable "undocumented"', message: 'variable "undocumented" belongs in variables.tf' },
    { at: 'variable "untyped"', message: 'variable "untyped" has no type' },
    { at: 'variable "untyped"', message: 'variable "untyped" belongs in variables.tf' },
    { at: 'output "bare"', message: 'output "bare" has no description' },
    { at: 'output "bare"', message: 'output "bare" belongs in outputs.tf' },
    { at: 'provider "aws"', message: 'provider "aws" belongs in providers.tf' },
  ],
};

function expectedLine(dir: string, e: Expected): number {
  if (e.at === '') return 1;
  const lines = readFileSync(join(dir, e.file ?? 'main.tf'), 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes(e.at));
  if (index < 0) throw new Error(`fixture has no line with ${JSON.stringify(e.at)}`);
  return index + 1;
}

describe('each checker catches the mistakes in its broken fixture', () => {
  it.each(CHECKS)('%s', async (check) => {
    const dir = join(FIXTURES, check);
    const findings = await checkModule(dir, [check], schema);
    const unmatched = [...findings];
    for (const e of EXPECTED[check]) {
      const file = e.file ?? 'main.tf';
      let line = expectedLine(dir, e);
      // A statement without a sid is reported at its `statement {` line, just above its actions.
      if (check === 'iam' && e.at.startsWith('"sts:')) line -= 1;
      const i = unmatched.findIndex(
        (f: Finding) => f.file === file && f.line === line && f.message.includes(e.message),
      );
      expect(
        i,
        `expected ${file}:${line} "${e.message}" in:\n${findings.map(formatFinding).join('\n')}`,
      ).toBeGreaterThanOrEqual(0);
      unmatched.splice(i, 1);
    }
    expect(unmatched.map(formatFinding), 'findings nobody expected').toEqual([]);
    for (const f of findings) expect(f.rule).toBe(check);
  });

  it('reads moved / removed addresses, also through modules', () => {
    expect(parseAddress('${aws_lambda_function.report[0]}')).toEqual({
      modulePath: '',
      firstModule: undefined,
      data: false,
      resource: 'aws_lambda_function.report',
      key: '0',
    });
    expect(parseAddress('${module.a["x"].module.b.aws_s3_bucket.this["k"]}')).toMatchObject({
      modulePath: 'module.a["x"].module.b.',
      firstModule: 'a',
      resource: 'aws_s3_bucket.this',
      key: '"k"',
    });
    expect(parseAddress('${module.a}')).toEqual({
      modulePath: 'module.a.',
      firstModule: 'a',
      data: false,
    });
    expect(parseAddress('${data.aws_region.current}')).toMatchObject({ data: true });
    for (const notAnAddress of [
      '${aws_s3_bucket.this.arn}',
      '${aws_s3_bucket.this[each.key]}',
      '${aws_s3_bucket}',
      '${module}',
      'aws_s3_bucket.this',
    ]) {
      expect(parseAddress(notAnAddress), notAnAddress).toBeUndefined();
    }
  });

  it('reads the index and path the reference finder leaves off', () => {
    expect(stepsAfter('[each.key].name}')).toEqual(['[…]', 'name']);
    expect(stepsAfter('[*].arn)')).toEqual(['[*]', 'arn']);
    expect(stepsAfter('.*.id[0] == x')).toEqual(['[*]', 'id', '0']);
    expect(stepsAfter('[lookup(m, "]")].rule[0].id}')).toEqual(['[…]', 'rule', '0', 'id']);
    expect(stepsAfter('}.txt')).toEqual([]);
  });

  it('reports a pinned provider version that differs from the offline schema', async () => {
    const module = await loadModule(TERRAFORM);
    const stale = { ...schema, provider: { ...schema.provider, version: '6.0.0' } };
    const messages = checkConventions(module, stale).map((f) => f.message);
    expect(messages).toEqual([
      `aws provider pinned to ${schema.provider.version} but the offline schema is 6.0.0 (from ${schema.provider.extractedFrom}): regenerate it`,
    ]);
  });
});
