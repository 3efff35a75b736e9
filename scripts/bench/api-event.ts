/**
 * The API Gateway (HTTP API, payload 2.0) event and Lambda context the cold-start drivers send,
 * as API Gateway sends them to the API function: the JWT authorizer's claims included. Darkroom's
 * line (drivers/api-cold.ts) and the floor's (drivers/api-floor-cold.ts) send the same.
 */

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
