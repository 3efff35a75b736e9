/**
 * The embedded default's stand-in for the API Gateway JWT authorizer. `Authorization: Bearer
 * dev:<user>` makes the caller <user>; no header makes the caller `local`. The claims land in the
 * event exactly where the real authorizer puts them, so resolvers cannot tell the difference.
 */
export const DEFAULT_LOCAL_USER = 'local';

const DEV_TOKEN = /^Bearer dev:([A-Za-z0-9._@-]{1,128})$/;

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
      'Unauthorized: on the embedded default use "Authorization: Bearer dev:<user>" (letters, digits, . _ @ -), or no header for user "local"',
    );
  }
  return { sub: match[1]!, username: match[1]! };
}
