/**
 * The web console on AWS (terraform/console.tf) and the code that builds and runs it: the
 * Content-Security-Policy CloudFront sends is the one src/console/csp.ts builds, for origins that
 * are where the page really goes (as the S3 SDK signs for them); config.json parses with
 * ConsoleConfigSchema; sign-in returns to the console's URL; the console's behaviours run no
 * image edge function and serve what the build writes; its bucket is private.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  blockBodies,
  isRecord,
  policyStatements,
  type HclBody,
  type HclValue,
  type TfModule,
} from '../../scripts/terraform/lib/hcl.js';
import {
  CONSOLE_ASSETS_PREFIX,
  CONSOLE_CONFIG_PATH,
  ConsoleConfigSchema,
} from '../../src/console/config.js';
import { consoleContentSecurityPolicy, type ConsoleOrigins } from '../../src/console/csp.js';
import { heldKey, originalKey, variantKey } from '../../src/model/keys.js';
import { UrlSigner } from '../../src/storage/presign.js';
import { s3ClientConfig } from '../../src/storage/s3-source.js';
import { formatPath } from '../../src/urls/grammar.js';
import { loadTerraformModule, type LoadedModule } from './loaded-module.js';
import { evaluateExpression, evaluateValue, type Scope } from './expression.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let tf: TfModule;
let locals: Record<string, HclValue>;

beforeAll(async () => {
  ({ tf, locals, block: block } = await loadTerraformModule());
});

let block: LoadedModule['block'];
const resource = (type: string, name: string) => block('resource', type, name);

/** A plain string value, or its JSON (so a wrong shape shows in the failure). */
const str = (value: HclValue | undefined): string =>
  typeof value === 'string' ? value : JSON.stringify(value);

const only = (value: HclValue | undefined): HclBody => {
  const [first] = blockBodies(value);
  if (!first) throw new Error('expected one block');
  return first;
};

/** A stack as Terraform would see it at apply, with the values only AWS knows made up. */
interface Stack {
  name?: string;
  region?: string;
  dnsSuffix?: string;
  authMode?: 'cognito' | 'none';
  corsAllowedOrigins?: string[];
  deliveryBaseUrl?: string;
}
const ACCOUNT = '123456789012';
const API_ID = 'a1b2c3d4e5';
const CLIENT_ID = '4f5g6h7j8k9l0mnbvcxz1234qw';

function scope(stack: Stack = {}, known: Record<string, unknown> = {}): Scope {
  const name = stack.name ?? 'darkroom';
  const region = stack.region ?? 'eu-west-1';
  const dnsSuffix = stack.dnsSuffix ?? 'amazonaws.com';
  return {
    vars: {
      name,
      region,
      auth_mode: stack.authMode ?? 'cognito',
      admin_group: 'moderators',
      cognito_domain_prefix: null,
      cors_allowed_origins: stack.corsAllowedOrigins ?? [],
    },
    locals,
    known: {
      'data.aws_caller_identity.current.account_id': ACCOUNT,
      'data.aws_partition.current.dns_suffix': dnsSuffix,
      'aws_apigatewayv2_api.graphql.api_endpoint': `https://${API_ID}.execute-api.${region}.${dnsSuffix}`,
      'one(aws_cognito_user_pool_client.this[*].id)': CLIENT_ID,
      'local.delivery_base_url': stack.deliveryBaseUrl ?? 'https://d111111abcdef8.cloudfront.net',
      ...known,
    },
  };
}

const render = (value: HclValue | undefined, s: Scope = scope()) => {
  if (value === undefined) throw new Error('nothing to render');
  return evaluateValue(value, s);
};
const renderLocal = (name: string, s: Scope = scope()) => evaluateExpression(`local.${name}`, s);

const originsOf = (s: Scope) => renderLocal('console_csp_origins', s) as ConsoleOrigins;

/** Whether a CSP source expression (scheme and host, `*.` for any subdomain) allows `origin`. */
function allows(source: string, origin: string): boolean {
  const m = /^(https:\/\/)\*(\..+)$/.exec(source);
  if (m)
    return origin.startsWith(m[1]!) && origin.endsWith(m[2]!) && origin.length > source.length - 1;
  return source === origin;
}

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

/** How the functions' S3 client signs, offline (made-up credentials sign locally). */
const signer = (region: string) =>
  new UrlSigner(
    new S3Client(
      s3ClientConfig(
        { AWS_REGION: region },
        { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'made-up' },
      ),
    ),
  );

const ID = '0b5b8a3e-6f1c-4c57-9a0e-2f8d3c1b7a64';

describe('console: the Content-Security-Policy is consoleContentSecurityPolicy() of src/console/csp.ts', () => {
  it.each([
    ['cognito', 'eu-west-1', 'amazonaws.com'],
    ['none', 'us-east-1', 'amazonaws.com'],
    ['cognito', 'cn-north-1', 'amazonaws.com.cn'],
  ] as const)(
    'auth_mode = %s in %s: the same string for the same origins',
    (authMode, region, dnsSuffix) => {
      const s = scope({ authMode, region, dnsSuffix });
      const csp = renderLocal('console_content_security_policy', s);
      expect(csp).toBe(consoleContentSecurityPolicy(originsOf(s)));
    },
  );

  it('origins are de-duplicated and sorted as the code does', () => {
    const origins: ConsoleOrigins = {
      connect: ['https://z.example', 'https://a.example', 'https://z.example', 'https://m.example'],
      images: ['https://y.example', 'https://b.example', 'https://b.example'],
    };
    const s = scope(
      {},
      {
        'local.console_csp_origins.connect': origins.connect,
        'local.console_csp_origins.images': origins.images,
      },
    );
    expect(renderLocal('console_content_security_policy', s)).toBe(
      consoleContentSecurityPolicy(origins),
    );
  });

  it.each(['eu-west-1', 'us-east-1', 'cn-north-1'])(
    '%s: the page may reach the upload and the review URLs the SDK signs, the API and sign-in',
    async (region) => {
      const dnsSuffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
      const s = scope({ region, dnsSuffix });
      const { connect, images } = originsOf(s);
      const buckets = renderLocal('buckets', s) as Record<string, { name: string }>;

      // createUpload: the presigned POST to the originals bucket.
      const post = await signer(region).uploadPolicy({
        bucket: buckets.originals!.name,
        key: originalKey(ID),
        contentType: 'image/jpeg',
        maxBytes: 1024,
        expiresInSeconds: 60,
      });
      expect(connect).toContain(new URL(post.url).origin);

      // Image.reviewUrl: a presigned GET of a held variant, in the variants bucket
      // (src/api/resolvers/image/review-url.ts signs VARIANTS_BUCKET).
      const review = await signer(region).download(
        buckets.variants!.name,
        heldKey(variantKey(ID, 'w1600', 'webp')),
        300,
      );
      expect(images).toEqual([new URL(review).origin]);

      // The API and Cognito's token endpoint, as config.json names them.
      const config = render(locals.console_config, s) as {
        graphqlUrl: string;
        auth: { domain: string };
      };
      const api = new URL(config.graphqlUrl).origin;
      expect(
        connect.some((source) => allows(source, api)),
        api,
      ).toBe(true);
      expect(connect).toContain(new URL(config.auth.domain).origin);
      // Nothing else: one source each.
      expect(connect).toHaveLength(3);
    },
  );

  it('without Cognito nothing of it is allowed', () => {
    const { connect } = originsOf(scope({ authMode: 'none' }));
    expect(connect.filter((o) => o.includes('amazoncognito'))).toEqual([]);
    expect(connect).toHaveLength(2);
  });

  it('the wildcard for the API is one region’s execute-api, nothing wider', () => {
    const { connect } = originsOf(scope({ region: 'eu-west-1' }));
    const wild = connect.filter((o) => o.includes('*'));
    expect(wild).toEqual(['https://*.execute-api.eu-west-1.amazonaws.com']);
    expect(allows(wild[0]!, 'https://evil.example')).toBe(false);
    expect(allows(wild[0]!, 'https://x.execute-api.us-east-1.amazonaws.com')).toBe(false);
  });

  it('fits CloudFront’s 1783 characters with the longest names, and a precondition says so', () => {
    const s = scope({
      name: 'a'.repeat(20),
      region: 'ap-southeast-7',
      dnsSuffix: 'amazonaws.com.cn',
    });
    const csp = renderLocal('console_content_security_policy', s) as string;
    expect(csp.length).toBeLessThanOrEqual(1783);
    const policy = resource('aws_cloudfront_response_headers_policy', 'console');
    const conditions = blockBodies(policy.lifecycle).flatMap((l) => blockBodies(l.precondition));
    expect(conditions.map((c) => c.condition)).toContain(
      '${length(local.console_content_security_policy) <= 1783}',
    );
  });

  it('the console’s responses carry it, with HSTS, nosniff, no framing and no referrer', () => {
    const policy = resource('aws_cloudfront_response_headers_policy', 'console');
    const security = only(policy.security_headers_config);
    expect(only(security.content_security_policy)).toEqual({
      content_security_policy: '${local.console_content_security_policy}',
      override: true,
    });
    expect(only(security.strict_transport_security)).toMatchObject({
      access_control_max_age_sec: 31536000,
      override: true,
    });
    expect(only(security.content_type_options)).toEqual({ override: true });
    expect(only(security.frame_options)).toEqual({ frame_option: 'DENY', override: true });
    expect(only(security.referrer_policy)).toEqual({
      referrer_policy: 'no-referrer',
      override: true,
    });
  });
});

describe('console: config.json is ConsoleConfigSchema of src/console/config.ts', () => {
  const object = () => resource('aws_s3_object', 'console_config');

  it('is written to CONSOLE_CONFIG_PATH as JSON, revalidated on every load', () => {
    expect(`/${str(object().key)}`).toBe(CONSOLE_CONFIG_PATH);
    expect(object().content).toBe('${jsonencode(local.console_config)}');
    expect(render(object().content_type)).toBe('application/json');
    expect(render(object().cache_control)).toBe('no-cache');
  });

  it.each(['cognito', 'none'] as const)(
    'auth_mode = %s: parses, with no key left over',
    (authMode) => {
      const config = render(locals.console_config, scope({ authMode })) as Record<string, unknown>;
      // zod drops unknown keys: equal only if Terraform writes exactly the schema's.
      expect(ConsoleConfigSchema.parse(config)).toEqual(config);
      expect(config.graphqlUrl).toBe(
        `https://${API_ID}.execute-api.eu-west-1.amazonaws.com/graphql`,
      );
      expect(config.adminGroup).toBe('moderators');
      if (authMode === 'none') expect(config.auth).toEqual({ mode: 'none' });
      else
        expect(config.auth).toEqual({
          mode: 'cognito',
          domain: `https://darkroom-${ACCOUNT}.auth.eu-west-1.amazoncognito.com`,
          clientId: CLIENT_ID,
          scopes: ['openid', 'email', 'profile'],
        });
    },
  );

  it('names the API, the admin group, the app client and its scopes Terraform deploys', () => {
    expect(locals.console_config).toMatchObject({
      graphqlUrl: '${aws_apigatewayv2_api.graphql.api_endpoint}/graphql',
      adminGroup: '${var.admin_group}',
      auth: '${local.console_auth[var.auth_mode]}',
    });
    const client = resource('aws_cognito_user_pool_client', 'this');
    expect(client.allowed_oauth_scopes).toBe('${local.cognito_oauth_scopes}');
    expect(locals.console_auth).toMatchObject({
      cognito: {
        clientId: '${one(aws_cognito_user_pool_client.this[*].id)}',
        scopes: '${local.cognito_oauth_scopes}',
      },
    });
    // The output is the domain config.json names.
    const output = block('output', '', 'cognito_hosted_ui_domain').value;
    const known = { 'aws_cognito_user_pool_domain.this[0].domain': `darkroom-${ACCOUNT}` };
    const config = render(locals.console_config, scope({}, known)) as { auth: { domain: string } };
    expect(render(output, scope({}, known))).toBe(config.auth.domain);
    expect(render(output, scope({ authMode: 'none' }, known))).toBeNull();
    expect(resource('aws_cognito_user_pool_domain', 'this').domain).toBe(
      '${local.cognito_domain_prefix}',
    );
  });
});

describe('console: Cognito sends the user back to the console', () => {
  const client = () => resource('aws_cognito_user_pool_client', 'this');

  it('the app client has the hosted UI’s code grant, back to the console’s URL', () => {
    expect(client()).toMatchObject({
      allowed_oauth_flows: ['code'],
      allowed_oauth_flows_user_pool_client: true,
      supported_identity_providers: ['COGNITO'],
      callback_urls: ['${local.console_url}'],
      logout_urls: ['${local.console_url}'],
      generate_secret: false,
    });
    // The flows the CLI sign-in of the README uses stay.
    expect(client().explicit_auth_flows).toEqual(
      expect.arrayContaining([
        'ALLOW_USER_SRP_AUTH',
        'ALLOW_USER_PASSWORD_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
      ]),
    );
    expect(render(locals.cognito_oauth_scopes)).toEqual(expect.arrayContaining(['openid']));
  });

  it.each([['https://d111111abcdef8.cloudfront.net'], ['https://images.example.com']])(
    'the console URL is the distribution’s root: %s/',
    (base) => {
      const s = scope({ deliveryBaseUrl: base });
      expect(renderLocal('console_url', s)).toBe(`${base}/`);
      expect(block('output', '', 'console_url').value).toBe('${local.console_url}');
      expect(locals.delivery_base_url).toContain('var.delivery_aliases[0]');
    },
  );

  it('the domain exists with the user pool, its prefix validated as Cognito requires', () => {
    const domain = resource('aws_cognito_user_pool_domain', 'this');
    expect(domain.count).toBe('${local.cognito_enabled ? 1 : 0}');
    expect(domain.user_pool_id).toBe('${aws_cognito_user_pool.this[0].id}');
    const condition = str(
      only(block('variable', '', 'cognito_domain_prefix').validation).condition,
    );
    const m = /regex\("(\^[^"]+\$)", var\.cognito_domain_prefix\)/.exec(condition);
    expect(m, condition).not.toBeNull();
    const pattern = new RegExp(m![1]!.replaceAll('\\\\', '\\'));
    for (const ok of ['darkroom-123456789012', 'a', 'x'.repeat(63)])
      expect(pattern.test(ok), ok).toBe(true);
    for (const bad of ['-a', 'a-', 'A', 'a.b', 'x'.repeat(64)])
      expect(pattern.test(bad), bad).toBe(false);
    expect(condition).toContain('aws|amazon|cognito');
    // The default, from var.name (3-20 characters) and the account id, is short enough.
    expect(renderLocal('cognito_domain_prefix', scope({ name: 'a'.repeat(20) }))).toHaveLength(33);
  });
});

describe('console: the distribution serves it from its own bucket, without the image edge function', () => {
  const distribution = () => resource('aws_cloudfront_distribution', 'delivery');
  const consoleBehaviours = () =>
    blockBodies(distribution().ordered_cache_behavior).filter(
      (b) => b.target_origin_id === '${local.delivery_origins.console}',
    );
  const imageBehaviours = () =>
    [
      only(distribution().default_cache_behavior),
      ...blockBodies(distribution().ordered_cache_behavior),
    ].filter((b) => b.target_origin_id !== '${local.delivery_origins.console}');

  it('index.html (also for /) and /console/*, GET and HEAD, HTTPS, compressed, cached by Cache-Control', () => {
    expect(distribution().default_root_object).toBe('index.html');
    const behaviours = consoleBehaviours();
    expect(behaviours.map((b) => b.path_pattern).sort()).toEqual(['/console/*', '/index.html']);
    for (const b of behaviours) {
      expect(b, str(b.path_pattern)).toMatchObject({
        viewer_protocol_policy: 'redirect-to-https',
        allowed_methods: '${local.delivery_methods}',
        cached_methods: '${local.delivery_methods}',
        compress: true,
        cache_policy_id: '${data.aws_cloudfront_cache_policy.caching_optimized.id}',
        response_headers_policy_id: '${aws_cloudfront_response_headers_policy.console.id}',
      });
      expect(b.function_association, str(b.path_pattern)).toBeUndefined();
      expect(b.lambda_function_association, str(b.path_pattern)).toBeUndefined();
      expect(b.origin_request_policy_id, str(b.path_pattern)).toBeUndefined();
    }
    expect(render(locals.delivery_methods)).toEqual(['GET', 'HEAD']);
    expect(block('data', 'aws_cloudfront_cache_policy', 'caching_optimized').name).toBe(
      'Managed-CachingOptimized',
    );
    // Nor in a dynamic block.
    const dynamic = distribution().dynamic;
    expect(isRecord(dynamic) && 'ordered_cache_behavior' in dynamic).toBe(false);
  });

  it('the console’s paths reach its behaviours and no image path does', () => {
    const patterns = consoleBehaviours().map((b) => glob(str(b.path_pattern)));
    const consolePaths = [
      '/index.html',
      CONSOLE_CONFIG_PATH,
      `${CONSOLE_ASSETS_PREFIX}app-5KXQ2ZLM.js`,
      `${CONSOLE_ASSETS_PREFIX}app-5KXQ2ZLM.css`,
    ];
    for (const path of consolePaths)
      expect(
        patterns.some((p) => p.test(path)),
        path,
      ).toBe(true);
    const imagePaths = [
      formatPath({ kind: 'variant', imageId: ID, generation: 2, name: 'thumb', extension: 'webp' }),
      formatPath({
        kind: 'render',
        imageId: ID,
        generation: 2,
        transform: { width: 640, fit: 'inside', format: 'auto', dpr: 1 },
      }),
    ];
    for (const path of imagePaths)
      expect(
        patterns.some((p) => p.test(path)),
        path,
      ).toBe(false);
    // The image behaviours (with the edge function) claim no console path.
    for (const b of imageBehaviours().filter((b) => b.path_pattern !== undefined)) {
      for (const path of consolePaths)
        expect(glob(str(b.path_pattern)).test(path), path).toBe(false);
    }
  });

  it('the origin is the console bucket, through its own origin access control', () => {
    const origin = blockBodies(distribution().origin).find(
      (o) => o.origin_id === '${local.delivery_origins.console}',
    );
    expect(origin).toEqual({
      origin_id: '${local.delivery_origins.console}',
      domain_name: '${aws_s3_bucket.console.bucket_regional_domain_name}',
      origin_access_control_id: '${aws_cloudfront_origin_access_control.console.id}',
    });
    expect(resource('aws_cloudfront_origin_access_control', 'console')).toMatchObject({
      origin_access_control_origin_type: 's3',
      signing_behavior: 'always',
      signing_protocol: 'sigv4',
    });
  });
});

describe('console: the files `npm run build` writes are uploaded with the right headers', () => {
  const assets = () => resource('aws_s3_object', 'console_assets');
  const index = () => resource('aws_s3_object', 'console_index');
  const forFile = (file: string) => scope({}, { 'each.key': file });

  it('every file of console_dist_dir (dist/console by default), index.html last', () => {
    expect(locals.console_dist_dir).toBe(
      '${coalesce(var.console_dist_dir, "${local.dist_dir}/console")}',
    );
    expect(locals.console_files).toBe('${fileset(local.console_dist_dir, "**")}');
    expect(assets().for_each).toBe('${local.console_assets}');
    expect(str(locals.console_assets)).toContain('for file in local.console_files');
    expect(str(locals.console_assets)).toContain('["index.html", "console/config.json"]');
    expect(assets()).toMatchObject({
      key: '${each.key}',
      source: '${local.console_dist_dir}/${each.key}',
      etag: '${filemd5("${local.console_dist_dir}/${each.key}")}',
    });
    expect(index()).toMatchObject({
      key: 'index.html',
      source: '${local.console_dist_dir}/index.html',
      etag: '${filemd5("${local.console_dist_dir}/index.html")}',
    });
    expect(index().depends_on).toEqual(
      expect.arrayContaining([
        '${aws_s3_object.console_assets}',
        '${aws_s3_object.console_config}',
      ]),
    );
  });

  it('content types by extension; hashed files kept a year, the rest revalidated', () => {
    const expected: [string, string, string][] = [
      [
        `${CONSOLE_ASSETS_PREFIX.slice(1)}app-5KXQ2ZLM.js`,
        'text/javascript; charset=utf-8',
        'public, max-age=31536000, immutable',
      ],
      [
        `${CONSOLE_ASSETS_PREFIX.slice(1)}app-5KXQ2ZLM.css`,
        'text/css; charset=utf-8',
        'public, max-age=31536000, immutable',
      ],
      [`${CONSOLE_ASSETS_PREFIX.slice(1)}data.json`, 'application/json', 'no-cache'],
      ['about.html', 'text/html; charset=utf-8', 'no-cache'],
      ['LICENSE', 'application/octet-stream', 'no-cache'],
    ];
    for (const [file, type, cache] of expected) {
      expect(render(assets().content_type, forFile(file)), file).toBe(type);
      expect(render(assets().cache_control, forFile(file)), file).toBe(cache);
    }
    expect(render(index().content_type)).toBe('text/html; charset=utf-8');
    expect(render(index().cache_control)).toBe('no-cache');
    // The build names the script and the stylesheet app-<hash> under the assets prefix.
    expect(readFileSync(join(ROOT, 'src/console/build.ts'), 'utf8')).toContain(
      "entryNames: 'app-[hash]'",
    );
  });

  it('a missing build stops the plan with a message naming `npm run build`', () => {
    const [precondition] = blockBodies(index().lifecycle).flatMap((l) =>
      blockBodies(l.precondition),
    );
    expect(precondition?.condition).toBe('${fileexists("${local.console_dist_dir}/index.html")}');
    expect(str(precondition?.error_message)).toContain('`npm run build`');
  });
});

describe('console: its bucket is private, read by the distribution alone', () => {
  it('public access blocked, ACLs off, encrypted, no website, no CORS', () => {
    expect(resource('aws_s3_bucket_public_access_block', 'console')).toEqual({
      bucket: '${aws_s3_bucket.console.id}',
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(only(resource('aws_s3_bucket_ownership_controls', 'console').rule)).toEqual({
      object_ownership: 'BucketOwnerEnforced',
    });
    expect(
      only(
        only(resource('aws_s3_bucket_server_side_encryption_configuration', 'console').rule)
          .apply_server_side_encryption_by_default,
      ),
    ).toEqual({ sse_algorithm: 'AES256' });
    const onBucket = tf.blocks.filter(
      (b) => b.kind === 'resource' && JSON.stringify(b.body).includes('aws_s3_bucket.console.id'),
    );
    for (const b of onBucket) {
      expect(
        [
          'aws_s3_bucket_acl',
          'aws_s3_bucket_website_configuration',
          'aws_s3_bucket_cors_configuration',
        ],
        `${b.type}.${b.name}`,
      ).not.toContain(b.type);
      expect(b.body.acl, `${b.type}.${b.name}`).toBeUndefined();
    }
    expect(resource('aws_s3_bucket', 'console').bucket).toBe(
      '${var.name}-console-${local.account_id}-${var.region}',
    );
  });

  it('TLS only, and the only Allow is s3:GetObject for this distribution', () => {
    expect(resource('aws_s3_bucket_policy', 'console').policy).toBe(
      '${data.aws_iam_policy_document.console_bucket.json}',
    );
    const statements = policyStatements(block('data', 'aws_iam_policy_document', 'console_bucket'));
    const deny = statements.find((s) => s.effect === 'Deny');
    expect(deny).toMatchObject({ sid: 'DenyInsecureTransport', actions: ['s3:*'] });
    expect(blockBodies(deny?.condition)).toEqual([
      { test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] },
    ]);
    const allows = statements.filter((s) => s.effect !== 'Deny');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({
      actions: ['s3:GetObject'],
      resources: ['${aws_s3_bucket.console.arn}/*'],
    });
    expect(blockBodies(allows[0]!.principals)).toEqual([
      { type: 'Service', identifiers: ['cloudfront.amazonaws.com'] },
    ]);
    expect(blockBodies(allows[0]!.condition)).toEqual([
      {
        test: 'StringEquals',
        variable: 'AWS:SourceArn',
        values: ['${aws_cloudfront_distribution.delivery.arn}'],
      },
    ]);
  });
});

describe('console: the API and the originals bucket always allow its origin (CORS)', () => {
  it('both take local.cors_origins, and always exist', () => {
    const api = resource('aws_apigatewayv2_api', 'graphql');
    expect(api.dynamic).toBeUndefined();
    expect(only(api.cors_configuration).allow_origins).toBe('${local.cors_origins}');
    const s3 = resource('aws_s3_bucket_cors_configuration', 'this');
    expect(s3.for_each).toBe(
      '${{ for k, v in local.buckets : k => v if length(v.cors_methods) > 0 }}',
    );
    expect(only(s3.cors_rule).allowed_origins).toBe('${local.cors_origins}');
    const buckets = render(locals.buckets) as Record<string, { cors_methods: string[] }>;
    expect(buckets.originals!.cors_methods).toEqual(['POST']);
  });

  it.each([
    [[], ['https://d111111abcdef8.cloudfront.net']],
    [
      ['https://app.example.com'],
      ['https://d111111abcdef8.cloudfront.net', 'https://app.example.com'],
    ],
    [['https://d111111abcdef8.cloudfront.net'], ['https://d111111abcdef8.cloudfront.net']],
    [['*', 'https://app.example.com'], ['*']],
  ])('cors_allowed_origins = %j → %j', (corsAllowedOrigins, expected) => {
    expect(renderLocal('cors_origins', scope({ corsAllowedOrigins }))).toEqual(expected);
  });

  it('the console’s origin is the URL it is served at', () => {
    const s = scope({ deliveryBaseUrl: 'https://images.example.com' });
    const origins = renderLocal('cors_origins', s) as string[];
    expect(origins).toContain(new URL(renderLocal('console_url', s) as string).origin);
  });
});

describe('console: the expression renderer refuses what it does not know', () => {
  it('an unsupported function, an unknown reference, an undeclared local', () => {
    expect(() => evaluateExpression('timestamp()', scope())).toThrow(/not supported/);
    expect(() => evaluateExpression('aws_s3_bucket.x.arn', scope())).toThrow(/not given/);
    expect(() => evaluateExpression('local.nothing_of_that_name', scope())).toThrow(/not declared/);
    expect(evaluateExpression('join("; ", sort(distinct(["b", "a", "b"])))', scope())).toBe('a; b');
  });
});
