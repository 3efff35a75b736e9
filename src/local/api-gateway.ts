import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
  Handler as LambdaHandler,
} from 'aws-lambda';
import type { Logger } from '../observability/logger.js';
import { isConsolePath, type ConsoleFront } from './console-front.js';
import { isDeliveryPath, type DeliveryFront } from './delivery-front.js';
import { DevAuthError, devClaims } from './dev-auth.js';

type Handler = LambdaHandler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

/** API Gateway's own limit on request payloads. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const ROUTES = new Set(['POST /graphql', 'GET /graphql']);
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type, apollo-require-preflight',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
};

/** What the local server answers; set once the server listens (delivery URLs need its port). */
export interface LocalRoutes {
  api?: Handler;
  /** `/i/…` and `/t/…`: what the CloudFront distribution answers on AWS. */
  delivery?: DeliveryFront;
  /** `/` and `/console/…`: the web console, which the distribution serves on AWS. */
  console?: ConsoleFront;
}

/**
 * A small HTTP server that does what API Gateway's HTTP API does in front of the Lambda: match the
 * route, run the authorizer (the dev scheme here), build the payload 2.0 event, call the handler.
 * Delivery and console paths go to the local fronts, as they would go to the distribution on AWS.
 */
export function createApiGatewayServer(routes: LocalRoutes, logger: Logger): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    const served =
      routes.delivery && isDeliveryPath(path)
        ? routes.delivery(req, res)
        : routes.console && isConsolePath(path)
          ? routes.console(req, res)
          : routes.api
            ? serve(req, res, routes.api)
            : Promise.resolve(send(res, 503, { message: 'Starting' }));
    served.catch((error: unknown) => {
      logger.error('local API gateway failed a request', { error: error as Error });
      if (!res.headersSent) send(res, 500, { message: 'Internal Server Error' });
      else res.end();
    });
  });
}

async function serve(req: IncomingMessage, res: ServerResponse, handler: Handler) {
  const url = new URL(req.url ?? '/', 'http://local');
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') {
    res.writeHead(204, { ...CORS, 'access-control-max-age': '600' });
    return res.end();
  }
  const routeKey = `${method} ${url.pathname}`;
  if (!ROUTES.has(routeKey)) return send(res, 404, { message: 'Not Found' });

  let claims: Record<string, string>;
  try {
    claims = devClaims(req.headers.authorization);
  } catch (error) {
    if (error instanceof DevAuthError) return send(res, 401, { message: error.message });
    throw error;
  }

  const body = await readBody(req);
  if (body === undefined) return send(res, 413, { message: 'Request Entity Too Large' });

  const now = new Date();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const text = body.toString('utf8');
  const event: APIGatewayProxyEventV2 & {
    requestContext: { authorizer: { jwt: { claims: Record<string, string>; scopes: string[] } } };
  } = {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(url.search
      ? { queryStringParameters: Object.fromEntries(url.searchParams.entries()) }
      : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0]!,
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      authorizer: { jwt: { claims, scopes: [] } },
    },
    ...(text ? { body: text } : {}),
    isBase64Encoded: false,
  };

  const result = await handler(event, lambdaContext(), () => undefined);
  if (!result) throw new Error('the API handler returned no response');
  const responseHeaders: Record<string, string | number | boolean> = { ...CORS, ...result.headers };
  if (result.cookies?.length) responseHeaders['set-cookie'] = result.cookies.join(', ');
  res.writeHead(result.statusCode ?? 200, responseHeaders as Record<string, string>);
  res.end(result.body && result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
}

/** The request body, or undefined when it is larger than API Gateway would accept. */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { ...CORS, 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function lambdaContext(): Context {
  const deadline = Date.now() + 30_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'darkroom-api',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:darkroom-api',
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/darkroom-api',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
