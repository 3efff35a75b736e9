/**
 * Identity-based IAM policy evaluation, enough to hold the embedded default's callers to the
 * policies Terraform gives each function: Allow statements with actions, resources and the
 * condition operators those policies use. An explicit Deny wins over any Allow; no Allow is an
 * implicit deny, as in AWS. Not modelled: resource policies, permission boundaries, session
 * policies, KMS key policies, and any condition operator not listed here (a statement using one
 * fails loudly rather than being guessed at).
 */

export interface PolicyCondition {
  /** The operator, e.g. `StringLike`, `ForAllValues:StringLike`. */
  test: string;
  /** The condition key, e.g. `dynamodb:LeadingKeys`, `s3:prefix`. */
  variable: string;
  values: string[];
}

export interface PolicyStatement {
  sid?: string;
  effect?: 'Allow' | 'Deny';
  actions: string[];
  resources: string[];
  conditions?: PolicyCondition[];
}

/** One authorisation AWS makes for a request: an action on a resource, with its context keys. */
export interface AccessRequest {
  action: string;
  resource: string;
  /** Request context keys (lower-cased names) and their values; absent keys are left out. */
  context?: Record<string, string[]>;
}

/** IAM's wildcards: `*` any run of characters, `?` any one (case-sensitive unless asked). */
export function iamLike(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

const STRING_OPERATORS: Record<string, (pattern: string, value: string) => boolean> = {
  StringEquals: (p, v) => p === v,
  StringLike: (p, v) => iamLike(p, v),
  StringEqualsIgnoreCase: (p, v) => p.toLowerCase() === v.toLowerCase(),
  ArnEquals: (p, v) => p === v,
  ArnLike: (p, v) => iamLike(p, v),
};

/** Whether one condition holds for the request's context (IAM's single- and multi-valued rules). */
export function conditionHolds(condition: PolicyCondition, context: AccessRequest['context']) {
  const [qualifier, operator] = condition.test.includes(':')
    ? (condition.test.split(':') as [string, string])
    : [undefined, condition.test];
  const match = STRING_OPERATORS[operator];
  if (!match) throw new Error(`condition operator not modelled: ${condition.test}`);
  const values = context?.[condition.variable.toLowerCase()];
  const one = (value: string) => condition.values.some((pattern) => match(pattern, value));
  switch (qualifier) {
    case undefined:
      // A single-valued operator on an absent key does not match.
      return values !== undefined && values.length > 0 && values.every(one);
    case 'ForAllValues':
      // Vacuously true when the key is absent or empty, as AWS documents.
      return (values ?? []).every(one);
    case 'ForAnyValue':
      return (values ?? []).some(one);
    default:
      throw new Error(`condition qualifier not modelled: ${condition.test}`);
  }
}

/** Whether `statement` applies to `request` (action, resource and every condition match). */
export function statementMatches(statement: PolicyStatement, request: AccessRequest): boolean {
  return (
    statement.actions.some((action) => iamLike(action, request.action, true)) &&
    statement.resources.some((resource) => iamLike(resource, request.resource)) &&
    (statement.conditions ?? []).every((condition) => conditionHolds(condition, request.context))
  );
}

/** The Allow statement that grants `request`, or undefined (denied, explicitly or implicitly). */
export function allowingStatement(
  statements: readonly PolicyStatement[],
  request: AccessRequest,
): PolicyStatement | undefined {
  const matching = statements.filter((s) => statementMatches(s, request));
  if (matching.some((s) => s.effect === 'Deny')) return undefined;
  return matching.find((s) => s.effect !== 'Deny');
}

/** A principal the local endpoints know: its name (for messages) and its identity policy. */
export interface LocalPrincipal {
  /** E.g. `darkroom-processor`: what AWS's denial names as the role. */
  name: string;
  /** Undefined: every action allowed (the stack's own setup, scripts with the folder's pair). */
  statements?: readonly PolicyStatement[];
}

/** Every decision made, for tests that ask which statement let a request through. */
export interface AccessDecision {
  principal: string;
  request: AccessRequest;
  allowedBy?: string;
}

/**
 * The local endpoints' authoriser: which principal an access key id is, and whether its policy
 * allows a request. Decisions are kept when `record` is set.
 */
export class LocalAccess {
  readonly decisions: AccessDecision[] = [];

  private readonly principals = new Map<string, LocalPrincipal>();

  constructor(private readonly record = false) {}

  /** Names the principal an access key id signs for; keys never defined may do nothing. */
  define(accessKeyId: string, principal: LocalPrincipal): void {
    this.principals.set(accessKeyId, principal);
  }

  principal(accessKeyId: string): LocalPrincipal | undefined {
    return this.principals.get(accessKeyId);
  }

  /** Whether the key's principal may make `request`; unknown keys may do nothing. */
  allows(accessKeyId: string, request: AccessRequest): boolean {
    const principal = this.principals.get(accessKeyId);
    if (!principal) return false;
    if (!principal.statements) return true;
    const statement = allowingStatement(principal.statements, request);
    if (this.record) {
      this.decisions.push({
        principal: principal.name,
        request,
        ...(statement ? { allowedBy: statement.sid ?? '(no sid)' } : {}),
      });
    }
    return statement !== undefined;
  }

  /** AWS's wording of a denial: who, which action, on what. */
  denial(accessKeyId: string, request: AccessRequest): string {
    const who = this.principals.get(accessKeyId)?.name ?? accessKeyId;
    return `User: arn:aws:sts::000000000000:assumed-role/${who} is not authorized to perform: ${request.action} on resource: ${request.resource} because no identity-based policy allows the ${request.action} action`;
  }
}
