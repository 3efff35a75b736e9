import { describe, expect, it, vi } from 'vitest';
import { loadApiConfig } from '../../src/config/api.js';
import { createLogger } from '../../src/observability/logger.js';
import type { ApiContext } from '../../src/api/context.js';
import { createApolloServer } from '../../src/api/server.js';

/** What a failing AWS call looks like when it escapes a resolver. */
function tableFailure() {
  return Object.assign(
    new Error('Requested resource not found: Table: darkroom-prod-table not found'),
    { name: 'ResourceNotFoundException', $fault: 'client' },
  );
}

describe('unexpected errors', () => {
  it('reach the caller as a bare INTERNAL_SERVER_ERROR and the log in full', async () => {
    const logger = createLogger('test');
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const server = createApolloServer(logger);
    const config = loadApiConfig({
      AWS_REGION: 'us-east-1',
      TABLE_NAME: 't',
      ORIGINALS_BUCKET: 'o',
      VARIANTS_BUCKET: 'v',
      DELIVERY_BASE_URL: 'https://cdn.example',
      DELIVERY_KEYS: 'k1:a-secret-of-at-least-thirty-two-characters',
    });
    const contextValue = {
      config,
      logger,
      owner: 'alice',
      admin: false,
      now: () => new Date(),
      images: { getOwned: () => Promise.reject(tableFailure()) },
    } as unknown as ApiContext; // only what the `image` resolver touches

    const response = await server.executeOperation(
      { query: '{ image(id: "7f1c2c1e-7a55-4a49-9d51-4a0c7f6f4f1e") { id } }' },
      { contextValue },
    );
    const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
    expect(body?.errors).toEqual([
      {
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
        path: ['image'],
      },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/darkroom-prod-table|ResourceNotFound|at \w+ \(/);
    const [message, details] = logged.mock.calls[0] as [string, { error: Error }];
    expect(message).toBe('unexpected error in a request');
    expect(details.error.name).toBe('ResourceNotFoundException');
  });

  it('that are the caller’s fault keep their message and code', async () => {
    const server = createApolloServer(createLogger('test'));
    const response = await server.executeOperation(
      { query: '{ image(id: "not-a-uuid") { id } }' },
      {
        contextValue: {
          owner: 'alice',
          admin: false,
          images: { getOwned: () => Promise.reject(new Error('must not be reached')) },
        } as unknown as ApiContext,
      },
    );
    const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
    expect(body?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body?.errors?.[0]?.message).toMatch(/must be an image id/);
  });
});
