import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ImageRecord } from '../model/image.js';
import { imageKey } from './layout.js';
import { toRecord } from './records.js';

/**
 * Runs a conditional write; undefined when its condition did not hold (nothing was written).
 * Every state change of an image is one such write: the condition is what makes it safe to race.
 */
export async function ifConditionHolds<T>(write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/** One change to an image's item, made only where `condition` holds. */
export interface ImageUpdate {
  update: string;
  condition: string;
  names?: Record<string, string>;
  values: Record<string, unknown>;
  /**
   * Whether the item as it is now shows this very change already made: when the condition fails
   * because an earlier attempt was applied and only its reply was lost (the SDK then retries),
   * the change counts as made rather than refused.
   */
  applied?: (item: Record<string, unknown>) => boolean;
}

/** Applies `change` to the image's item; the record after it, or undefined when the condition failed. */
export async function updateImageIf(
  client: DynamoDBDocumentClient,
  tableName: string,
  id: string,
  change: ImageUpdate,
): Promise<ImageRecord | undefined> {
  try {
    const result = await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: imageKey(id),
        UpdateExpression: change.update,
        ConditionExpression: change.condition,
        ...(change.names ? { ExpressionAttributeNames: change.names } : {}),
        ExpressionAttributeValues: change.values,
        ReturnValues: 'ALL_NEW',
        // The item as it is, when refused: enough to tell "already done by me" from "refused".
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return result.Attributes ? toRecord(result.Attributes) : undefined;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const current = error.Item ? unmarshall(error.Item) : undefined;
    return current && change.applied?.(current) ? toRecord(current) : undefined;
  }
}
