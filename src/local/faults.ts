import { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Inside the SDK's retry middleware, so every attempt may fail independently. */
const PLACEMENT = { step: 'finalizeRequest', priority: 'low', name: 'injectFaults' } as const;

/**
 * Chaos for the embedded default (FAULT_RATE): makes a fraction of a client's requests fail the
 * way a throttled or failing AWS service does (HTTP 500, server fault), before they are sent, so
 * the SDK's retries, the processor's release-and-retry and the sweep are all exercised.
 */
export function injectFaults(
  client: S3Client | DynamoDBDocumentClient,
  rate: number,
  random: () => number = Math.random,
): void {
  if (rate <= 0) return;
  const fail = (command: string | undefined) =>
    random() < rate
      ? Object.assign(new Error(`injected fault (${command})`), {
          name: 'InternalError',
          $fault: 'server' as const,
          $metadata: { httpStatusCode: 500 },
        })
      : undefined;
  // Two calls because the clients' middleware stacks have unrelated generic types.
  if (client instanceof S3Client) {
    client.middlewareStack.add(
      (next, context) => (args) => {
        const fault = fail(context.commandName);
        return fault ? Promise.reject(fault) : next(args);
      },
      PLACEMENT,
    );
  } else {
    client.middlewareStack.add(
      (next, context) => (args) => {
        const fault = fail(context.commandName);
        return fault ? Promise.reject(fault) : next(args);
      },
      PLACEMENT,
    );
  }
}
