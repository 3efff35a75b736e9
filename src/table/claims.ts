import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ImageRecord, ImageStatus, TerminalStatus } from '../model/image.js';
import { ifConditionHolds } from './conditional.js';
import { IMAGE_SK, TABLE_KEYS, idFromImagePk, imagePk, leasePk } from './layout.js';
import { toRecord, type CompletedFields, type Item } from './records.js';

/**
 * The processing claim: which worker may take an image to its terminal state. Each write is
 * conditional, so duplicate deliveries, racing workers and a sweep can never both win.
 */
export class ImageClaims {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Moves the image to PROCESSING for one worker. Succeeds only from PENDING_UPLOAD, or from a
   * PROCESSING claim whose lease has run out (its worker died). Returns undefined when another
   * worker holds it, it is already finished, or there is no such image.
   */
  async claim(
    id: string,
    token: string,
    now: Date,
    leaseSeconds: number,
  ): Promise<ImageRecord | undefined> {
    const result = await ifConditionHolds(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: imagePk(id), sk: IMAGE_SK },
          UpdateExpression:
            'SET #status = :processing, claimToken = :token, leasePk = :leasePk, leaseUntil = :lease, updatedAt = :now ADD attempts :one REMOVE #ttl',
          ConditionExpression:
            'attribute_exists(pk) AND (#status = :pending OR (#status = :processing AND leaseUntil < :nowEpoch))',
          ExpressionAttributeNames: { '#status': 'status', '#ttl': TABLE_KEYS.ttlAttribute },
          ExpressionAttributeValues: {
            ':processing': 'PROCESSING' satisfies ImageStatus,
            ':pending': 'PENDING_UPLOAD' satisfies ImageStatus,
            ':token': token,
            ':leasePk': leasePk(id),
            ':one': 1,
            ':lease': Math.floor(now.getTime() / 1000) + leaseSeconds,
            ':now': now.toISOString(),
            ':nowEpoch': Math.floor(now.getTime() / 1000),
          },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return result?.Attributes ? toRecord(result.Attributes) : undefined;
  }

  /**
   * Writes the terminal state, only while `token` still holds the claim. Returns false when the
   * claim was lost (a lease ran out and another worker took over), so the caller must not count it.
   */
  async complete(
    id: string,
    token: string,
    status: TerminalStatus,
    fields: CompletedFields,
    now: Date,
  ): Promise<boolean> {
    const values: Item = {
      ':status': status,
      ':token': token,
      ':now': now.toISOString(),
    };
    const names: Record<string, string> = { '#status': 'status' };
    const sets = ['#status = :status', 'updatedAt = :now', 'processedAt = :now'];
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      names[`#${key}`] = key;
      values[`:${key}`] = value;
      sets.push(`#${key} = :${key}`);
    }
    const result = await ifConditionHolds(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: imagePk(id), sk: IMAGE_SK },
          UpdateExpression: `SET ${sets.join(', ')} REMOVE claimToken, leasePk, leaseUntil`,
          ConditionExpression: 'claimToken = :token',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      ),
    );
    return result !== undefined;
  }

  /**
   * Gives up a claim without finishing, so the next delivery can take the image at once rather
   * than after the lease. Only the holder of `token` can release it.
   */
  async release(id: string, token: string): Promise<void> {
    await ifConditionHolds(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: imagePk(id), sk: IMAGE_SK },
          UpdateExpression: 'SET leaseUntil = :expired',
          ConditionExpression: 'claimToken = :token',
          ExpressionAttributeValues: { ':expired': 0, ':token': token },
        }),
      ),
    );
  }

  /**
   * Takes a ticket whose upload never arrived out of the lease index, so the sweep stops looking
   * at it; the record itself is left to expire (TTL). False (and nothing changed) once the
   * upload has been claimed.
   */
  async abandon(id: string): Promise<boolean> {
    const result = await ifConditionHolds(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: imagePk(id), sk: IMAGE_SK },
          UpdateExpression: 'REMOVE leasePk, leaseUntil',
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'PENDING_UPLOAD' satisfies ImageStatus },
        }),
      ),
    );
    return result !== undefined;
  }

  /**
   * Ids of images due for the sweep, from the sparse lease index: claims whose lease ran out
   * before `now` (worker died, or released after a passing fault) and tickets past their upload
   * deadline that were never claimed.
   */
  async expiredClaims(now: Date, limit = 100): Promise<string[]> {
    const { name, partitionKey, sortKey, shards } = TABLE_KEYS.leaseIndex;
    const perShard = await Promise.all(
      Array.from({ length: shards }, async (_, shard) => {
        const { Items = [] } = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: name,
            KeyConditionExpression: '#pk = :shard AND #until < :now',
            ExpressionAttributeNames: { '#pk': partitionKey, '#until': sortKey },
            ExpressionAttributeValues: {
              ':shard': `LEASE#${shard}`,
              ':now': Math.floor(now.getTime() / 1000),
            },
            Limit: limit,
          }),
        );
        return Items.map((item) => idFromImagePk(String(item.pk)));
      }),
    );
    return perShard.flat().slice(0, limit);
  }
}
