/**
 * The API Gateway (HTTP API, payload 2.0) event and Lambda context the cold-start drivers send,
 * as API Gateway sends them to the API function: the JWT authorizer's claims included. Darkroom's
 * line (drivers/api-cold.ts) and the floor's (drivers/api-floor-cold.ts) send the same.
 */

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ColdStartResult {
  importMs: number;
  queryMs: number;
  /** import + first query */
  totalMs: number;
  /** From the process's own start (Node's bootstrap included) to the answer. */
  sinceProcessStartMs: number;
}

export type Handler = (
  event: unknown,
  context: unknown,
) => Promise<{ statusCode?: number; body?: string }>;

export function apiGatewayEvent(body: string, owner: string) {
  const now = new Date();
  return {
    version: '2.0',
    routeKey: 'POST /graphql',
    rawPath: '/graphql',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', host: 'bench.local' },
    requestContext: {
      accountId: 'bench',
      apiId: 'bench',
      domainName: 'bench.local',
      domainPrefix: 'bench',
      http: {
        method: 'POST',
        path: '/graphql',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'bench',
      },
      requestId: 'bench-request',
      routeKey: 'POST /graphql',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      authorizer: { jwt: { claims: { sub: owner, username: owner }, scopes: [] } },
    },
    body,
    isBase64Encoded: false,
  };
}

export const lambdaContext = (functionName: string) => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName,
  awsRequestId: 'bench-request',
  getRemainingTimeInMillis: () => 30_000,
});

/** Darkroom's first query in every cold-start line: one processed image and its variants. */
export const IMAGE_QUERY =
  'query($id: ID!) { image(id: $id) { id status width height variants { name format width height url } } }';

/**
 * One cold start, as both drivers measure it: import the handler module, send it `event`, check
 * the answer with `expected`, print the timings as JSON and end the process (the SDK keeps
 * connections alive; a Lambda would be frozen here).
 */
export async function measureColdStart(
  modulePath: string,
  event: unknown,
  context: unknown,
  expected: (data: unknown) => boolean,
): Promise<never> {
  const started = performance.now();
  const { handler } = (await import(pathToFileURL(resolve(modulePath)).href)) as {
    handler: Handler;
  };
  const imported = performance.now();
  const response = await handler(event, context);
  const answered = performance.now();

  const parsed = JSON.parse(response.body ?? '{}') as { data?: unknown };
  if (response.statusCode !== 200 || !expected(parsed.data)) {
    console.error(`unexpected answer: ${response.statusCode} ${response.body}`);
    process.exit(1);
  }
  const result: ColdStartResult = {
    importMs: imported - started,
    queryMs: answered - imported,
    totalMs: answered - started,
    sinceProcessStartMs: answered, // performance.now() counts from the process's time origin
  };
  console.log(JSON.stringify(result));
  process.exit(0);
}
