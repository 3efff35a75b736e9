import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** The owner used when the API runs without an authorizer (auth_mode = "none"). */
export const ANONYMOUS_OWNER = 'anonymous';

/**
 * The caller's identity: the JWT `sub` claim the API Gateway authorizer verified. It is never
 * taken from arguments or unverified headers.
 */
export function ownerFromEvent(event: APIGatewayProxyEventV2): string {
  const context = event.requestContext as APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: { jwt?: { claims?: Record<string, unknown> } };
  };
  const sub = context.authorizer?.jwt?.claims?.sub;
  return typeof sub === 'string' && sub.length > 0 ? sub : ANONYMOUS_OWNER;
}

/**
 * The caller's groups: Cognito's `cognito:groups` claim. API Gateway's HTTP API hands array claims
 * to Lambda as one string, "[admin editors]"; a JSON array or a comma list is accepted too.
 */
export function groupsFromEvent(event: APIGatewayProxyEventV2): string[] {
  const context = event.requestContext as APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: { jwt?: { claims?: Record<string, unknown> } };
  };
  const claim = context.authorizer?.jwt?.claims?.['cognito:groups'];
  const names = Array.isArray(claim)
    ? claim
    : typeof claim === 'string'
      ? claim.replace(/^\[|\]$/g, '').split(/[\s,]+/)
      : [];
  return names.filter((g): g is string => typeof g === 'string' && g.length > 0);
}
