import { createHmac } from 'node:crypto';
import type { LocalAccess, PolicyStatement } from './iam-policy.js';
import type { S3Credentials } from './s3-credentials.js';

/**
 * The roles of the embedded default: each function signs with a key pair of its own, as each
 * Lambda signs with its role's, and CloudFront's stand-in with its own (the variants bucket's
 * policy lets CloudFront read). The local endpoints know which is which and what each may do.
 */
export const LOCAL_PRINCIPALS = ['api', 'processor', 'delivery', 'events', 'cloudfront'] as const;
export type LocalPrincipalName = (typeof LOCAL_PRINCIPALS)[number];

/**
 * A principal's pair, derived from the data folder's secret: stable across restarts (a presigned
 * upload outlives one), and known to nobody who has not read the folder.
 */
export function principalCredentials(
  folder: S3Credentials,
  name: LocalPrincipalName,
): S3Credentials {
  const digest = createHmac('sha256', folder.secretAccessKey)
    .update(`darkroom-local-principal:${name}`)
    .digest();
  return {
    accessKeyId: `DRFN${digest.subarray(0, 6).toString('hex').toUpperCase()}${name.toUpperCase()}`,
    secretAccessKey: digest.subarray(6).toString('base64url'),
  };
}

/** Every principal's pair. */
export const principalKeys = (folder: S3Credentials) =>
  Object.fromEntries(
    LOCAL_PRINCIPALS.map((name) => [name, principalCredentials(folder, name)]),
  ) as Record<LocalPrincipalName, S3Credentials>;

/** What the policies' resources are called on this stack (ARNs as the local endpoints build them). */
export interface LocalResourceNames {
  region: string;
  account: string;
  tableName: string;
  streamArn: string;
  originalsBucket: string;
  variantsBucket: string;
}

/** Each principal's identity policy for a stack's names (StackHooks.policies). */
export type PolicyHook = (
  names: LocalResourceNames,
) => Partial<Record<LocalPrincipalName, PolicyStatement[]>>;

/**
 * Tells `access` who each key is (`<table>-<principal>`, as the roles are named) and what it may
 * do: the hook's policies, or everything when there is no hook (a principal the hook leaves out
 * may do nothing).
 */
export function definePrincipals(
  access: LocalAccess,
  keys: Record<LocalPrincipalName, S3Credentials>,
  stack: {
    AWS_REGION: string;
    TABLE_NAME: string;
    ORIGINALS_BUCKET: string;
    VARIANTS_BUCKET: string;
  },
  streamArn: string,
  hook?: PolicyHook,
): void {
  const policies = hook?.({
    region: stack.AWS_REGION,
    account: '000000000000',
    tableName: stack.TABLE_NAME,
    streamArn,
    originalsBucket: stack.ORIGINALS_BUCKET,
    variantsBucket: stack.VARIANTS_BUCKET,
  });
  for (const name of LOCAL_PRINCIPALS) {
    access.define(keys[name].accessKeyId, {
      name: `${stack.TABLE_NAME}-${name}`,
      ...(policies ? { statements: policies[name] ?? [] } : {}),
    });
  }
}
