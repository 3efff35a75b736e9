import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { VIEWER_URL_HEADER } from '../urls/edge.js';
import { respondToMiss } from './render-on-demand.js';
import { text, type DeliveryResponse } from './responses.js';
import type { DeliveryServices } from './services.js';

export type DeliveryHandler = (
  event: APIGatewayProxyEventV2,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The delivery function behind its function URL (payload 2.0), CloudFront's failover origin:
 * the path is the storage key the edge function rewrote the viewer's URL to.
 */
export function createDeliveryHandler(services: DeliveryServices): DeliveryHandler {
  return async (event) => {
    const method = event.requestContext.http.method.toUpperCase();
    let response: DeliveryResponse;
    if (method !== 'GET' && method !== 'HEAD') {
      response = text(405, 'Method Not Allowed', { allow: 'GET, HEAD' });
    } else {
      try {
        response = await respondToMiss(services, {
          key: decodeURIComponent(event.rawPath).replace(/^\/+/, ''),
          method,
          ...(event.headers[VIEWER_URL_HEADER]
            ? { viewerUrl: event.headers[VIEWER_URL_HEADER] }
            : {}),
          ...(event.headers['if-none-match']
            ? { ifNoneMatch: event.headers['if-none-match'] }
            : {}),
        });
      } catch (error) {
        services.logger.error('delivery failed', { path: event.rawPath, error: error as Error });
        response = text(500, 'Internal Server Error');
      }
    }
    return {
      statusCode: response.status,
      headers: response.headers,
      ...(response.body && method !== 'HEAD'
        ? { body: response.body.toString('base64'), isBase64Encoded: true }
        : {}),
    };
  };
}
