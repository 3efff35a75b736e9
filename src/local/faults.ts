import { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Inside the SDK's retry middleware, so every attempt may fail independently. */
const PLACEMENT = { step: 'finalizeRequest', priority: 'low', name: 'injectFaults' } as const;

export interface FaultRates {
  /** Requests that fail before they are sent, as a throttled or failing AWS service answers. */
  fail: number;
  /** Requests that are applied but whose reply is lost: the caller sees a timeout. */
  dropReply?: number;
}

/**
 * Chaos for the embedded default (FAULT_RATE, DROPPED_REPLY_RATE). A failed request (HTTP 500,
 * server fault) exercises the SDK's retries, the processor's release-and-retry and the sweep. A
 * lost reply is worse: the write happened, yet the SDK retries it as a timeout, so a
 * non-idempotent write would apply twice. Both are ones the SDK retries, as it would on AWS.
 */
export function injectFaults(
  client: S3Client | DynamoDBDocumentClient,
  rates: FaultRates,
  random: () => number = Math.random,
): void {
  const dropReply = rates.dropReply ?? 0;
  if (rates.fail <= 0 && dropReply <= 0) return;
  const failed = (command: string | undefined) =>
    Object.assign(new Error(`injected fault (${command})`), {
      name: 'InternalError',
      $fault: 'server' as const,
      $metadata: { httpStatusCode: 500 },
    });
  const lost = (command: string | undefined) =>
    Object.assign(new Error(`injected lost reply (${command}): the request was applied`), {
      // A name the SDK's retry strategy counts as transient.
      name: 'TimeoutError',
      $metadata: {},
    });
  const middleware =
    (context: { commandName?: string }) =>
    async <T>(next: () => Promise<T>): Promise<T> => {
      if (random() < rates.fail) throw failed(context.commandName);
      const output = await next();
      if (random() < dropReply) throw lost(context.commandName);
      return output;
    };
  // Two calls because the clients' middleware stacks have unrelated generic types.
  if (client instanceof S3Client) {
    client.middlewareStack.add(
      (next, context) => (args) => middleware(context)(() => next(args)),
      PLACEMENT,
    );
  } else {
    client.middlewareStack.add(
      (next, context) => (args) => middleware(context)(() => next(args)),
      PLACEMENT,
    );
  }
}
