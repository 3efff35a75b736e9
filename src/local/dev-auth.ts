/**
 * The embedded default's stand-in for the API Gateway JWT authorizer. `Authorization: Bearer
 * dev:<user>` makes the caller <user>, `dev:<user>,<group>,…` also puts them in those groups (as
 * Cognito's `cognito:groups` claim would); no header makes the caller `local`. The claims land in
 * the event exactly where, and in the form, the real authorizer puts them, so resolvers cannot
 * tell the difference.
 */
export const DEFAULT_LOCAL_USER = 'local';

const NAME = '[A-Za-z0-9._@-]{1,128}';
const DEV_TOKEN = new RegExp(`^Bearer dev:(${NAME})((?:,${NAME})*)$`);

export class DevAuthError extends Error {
  override name = 'DevAuthError';
}

export function devClaims(authorization: string | undefined): Record<string, string> {
  if (authorization === undefined || authorization.trim() === '') {
    return { sub: DEFAULT_LOCAL_USER, username: DEFAULT_LOCAL_USER };
  }
  const match = DEV_TOKEN.exec(authorization.trim());
  if (!match) {
    throw new DevAuthError(
      'Unauthorized: on the embedded default use "Authorization: Bearer dev:<user>" or "Bearer dev:<user>,<group>,…" (names of letters, digits, . _ @ -), or no header for user "local"',
    );
  }
  const groups = match[2]!.split(',').filter(Boolean);
  return {
    sub: match[1]!,
    username: match[1]!,
    // An HTTP API JWT authorizer passes array claims to Lambda as "[a b]".
    ...(groups.length > 0 ? { 'cognito:groups': `[${groups.join(' ')}]` } : {}),
  };
}
