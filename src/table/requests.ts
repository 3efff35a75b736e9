import {
  TransactionCanceledException,
  TransactionConflictException,
} from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** How the table modules send the requests DynamoDB may answer only in part or not yet. */

/** Attempts after a TransactionConflict (another transaction holds an item), with backoff. */
const CONFLICT_RETRIES = 10;

/**
 * Sends a write, again when it lost a race with a transaction on one of its items
 * (TransactionConflict: nothing was applied). Conditions that failed are the caller's to read.
 */
export async function retryingConflicts<T>(
  send: () => Promise<T>,
  retries = CONFLICT_RETRIES,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException && error.CancellationReasons;
      const conflict =
        error instanceof TransactionConflictException ||
        (reasons &&
          reasons.some((r) => r.Code === 'TransactionConflict') &&
          !reasons.some((r) => r.Code === 'ConditionalCheckFailed'));
      if (!conflict || attempt >= retries) throw error;
      const ceiling = Math.min(500, 10 * 2 ** attempt);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
    }
  }
}

/**
 * Every item of `keys` that exists, in one BatchGetItem: keys DynamoDB leaves unprocessed under
 * load are asked for again, with backoff.
 */
export async function batchGetAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let attempt = 0; keys.length > 0; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    const { Responses = {}, UnprocessedKeys = {} } = await client.send(
      new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }),
    );
    items.push(...(Responses[tableName] ?? []));
    keys = UnprocessedKeys[tableName]?.Keys ?? [];
  }
  return items;
}
