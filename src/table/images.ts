import {
  DeleteCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { ImageRecord, ImageStatus } from '../model/image.js';
import { ifConditionHolds, updateImageIf } from './conditional.js';
import { IMAGE_SK, TABLE_KEYS, imageKey, imagePk, leasePk, ownerPk, ownerSk } from './layout.js';
import { uploadCharge, uploadsRefusal, type Limit } from './quotas.js';
import { batchGetAll, retryingConflicts } from './requests.js';
import { toRecord } from './records.js';

/** A position in an owner's list: the image after which the next page starts. */
export interface ListPosition {
  createdAt: string;
  id: string;
}

export interface ImagePage {
  items: ImageRecord[];
  hasMore: boolean;
}

/** Just enough of an image to compare perceptual hashes. */
export interface ImageHash {
  id: string;
  createdAt: string;
  phash: string;
}

/**
 * Image records in the single table: tickets, reads, an owner's reprocess and delete, listing.
 * The processing claim's writes are in ./claims.ts.
 */
export class ImageTable {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Records a new upload ticket and charges it to its owner's uploads of the day (UTC, of
   * `createdAt`), in one transaction: with a limit, neither is written when the day's uploads are
   * already at it (QuotaExceededError), so concurrent tickets can never pass it. The record
   * expires (TTL) unless the upload arrives. It also enters the lease index due at
   * `sweepAfterEpochSeconds` (after the ticket's own expiry), so an upload that arrived but whose
   * every delivery failed is found and finished by the sweep. The request token is the new id: a
   * retry whose first reply was lost is recognised, not charged again.
   */
  async createPending(
    record: ImageRecord,
    expiresAtEpochSeconds: number,
    sweepAfterEpochSeconds: number,
    uploadsPerDay: Limit,
  ): Promise<void> {
    const at = new Date(record.createdAt);
    const command = new TransactWriteCommand({
      ClientRequestToken: record.id,
      TransactItems: [
        {
          Put: {
            TableName: this.tableName,
            Item: {
              ...record,
              pk: imagePk(record.id),
              sk: IMAGE_SK,
              gsi1pk: ownerPk(record.owner),
              gsi1sk: ownerSk(record.createdAt, record.id),
              [TABLE_KEYS.ttlAttribute]: expiresAtEpochSeconds,
              leasePk: leasePk(record.id),
              leaseUntil: sweepAfterEpochSeconds,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        uploadCharge(this.tableName, record.owner, at, uploadsPerDay),
      ],
    });
    try {
      await retryingConflicts(() => this.client.send(command));
    } catch (error) {
      throw uploadsRefusal(error, 1, at, uploadsPerDay) ?? error;
    }
  }

  /**
   * Several images by id, at most 100 (BatchGetItem's limit), in the order asked (undefined
   * where there is none): one BatchGet.
   */
  async getMany(ids: readonly string[]): Promise<(ImageRecord | undefined)[]> {
    const unique = [...new Set(ids)];
    const items = await batchGetAll(this.client, this.tableName, unique.map(imageKey));
    const byId = new Map(items.map((item) => [String(item.id), toRecord(item)]));
    return ids.map((id) => byId.get(id));
  }

  async get(id: string): Promise<ImageRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: imageKey(id) }),
    );
    return Item ? toRecord(Item) : undefined;
  }

  /** The image if it belongs to `owner`; another owner's image is indistinguishable from none. */
  async getOwned(id: string, owner: string): Promise<ImageRecord | undefined> {
    const record = await this.get(id);
    return record?.owner === owner ? record : undefined;
  }

  /**
   * Whether the image's record exists, read consistently: the processor asks right after a
   * conditional write failed, to tell a deleted image from a claim taken over by another worker.
   */
  async exists(id: string): Promise<boolean> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: imageKey(id),
        ConsistentRead: true,
        ProjectionExpression: 'pk',
      }),
    );
    return Item !== undefined;
  }

  /**
   * Starts reprocessing an owner's finished image with `preset`: PROCESSING with a lease that has
   * already run out (so the next delivery, or the sweep, claims it at once), a fresh attempt count
   * and the next generation. What the last run found and a new run might not overwrite (its
   * error, analysis, fingerprints, an earlier review) goes; the variants stay and are served until the new ones are
   * ready. Undefined, and nothing changed, unless the image is the owner's and PROCESSED or FAILED.
   */
  async startReprocess(
    id: string,
    owner: string,
    preset: string,
    now: Date,
  ): Promise<ImageRecord | undefined> {
    return updateImageIf(this.client, this.tableName, id, {
      update:
        'SET #status = :processing, #preset = :preset, updatedAt = :now, #attempts = :zero, ' +
        '#generation = if_not_exists(#generation, :zero) + :one, leasePk = :leasePk, leaseUntil = :zero ' +
        'REMOVE claimToken, #error, errorCode, faces, #labels, moderation, placeholder, dominantColor, phash, review, duplicateOf',
      condition: '#owner = :owner AND #status IN (:processed, :failed)',
      names: {
        '#status': 'status',
        '#preset': 'preset',
        '#attempts': 'attempts',
        '#generation': 'generation',
        '#error': 'error',
        '#labels': 'labels',
        '#owner': 'owner',
      },
      values: {
        ':processing': 'PROCESSING' satisfies ImageStatus,
        ':processed': 'PROCESSED' satisfies ImageStatus,
        ':failed': 'FAILED' satisfies ImageStatus,
        ':preset': preset,
        ':now': now.toISOString(),
        ':zero': 0,
        ':one': 1,
        ':leasePk': leasePk(id),
        ':owner': owner,
      },
    });
  }

  /**
   * Deletes an owner's image record and returns it as it was at that instant, so the caller
   * removes exactly the objects it listed; undefined (nothing deleted) when it is not the owner's.
   */
  async deleteOwned(id: string, owner: string): Promise<ImageRecord | undefined> {
    const result = await ifConditionHolds(() =>
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: imageKey(id),
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': owner },
          ReturnValues: 'ALL_OLD',
        }),
      ),
    );
    return result?.Attributes ? toRecord(result.Attributes) : undefined;
  }

  /**
   * The perceptual hashes of an owner's images in `statuses` (PROCESSED), newest first, from the owner index,
   * reading at most `maxItems` index entries (whatever their status); `truncated`: the owner
   * may have more. Only three small attributes come back, but DynamoDB charges for the whole
   * items read, so the cost grows with the owner's image count: see similarImages.
   */
  async perceptualHashes(
    owner: string,
    maxItems: number,
    statuses: readonly ImageStatus[] = ['PROCESSED'],
  ): Promise<{ hashes: ImageHash[]; truncated: boolean }> {
    const wanted = Object.fromEntries(statuses.map((status, i) => [`:s${i}`, status]));
    const hashes: ImageHash[] = [];
    let read = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const {
        Items = [],
        LastEvaluatedKey,
        ScannedCount = 0,
      } = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: TABLE_KEYS.ownerIndex.name,
          KeyConditionExpression: 'gsi1pk = :owner',
          ScanIndexForward: false,
          Limit: Math.min(1000, maxItems - read),
          ExclusiveStartKey: start,
          // A reprocessed image that ended REJECTED or FAILED may still carry its old hash.
          FilterExpression: `#status IN (${Object.keys(wanted).join(', ')}) AND attribute_exists(#phash)`,
          ProjectionExpression: '#id, #createdAt, #phash',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#id': 'id',
            '#createdAt': 'createdAt',
            '#phash': 'phash',
          },
          ExpressionAttributeValues: { ':owner': ownerPk(owner), ...wanted },
        }),
      );
      hashes.push(...(Items as ImageHash[]));
      read += ScannedCount;
      start = LastEvaluatedKey;
    } while (start && read < maxItems);
    return { hashes, truncated: start !== undefined };
  }

  /**
   * An owner's images, newest first. A status filter is applied by the table after reading, so
   * this keeps reading until the page is full or the index is exhausted.
   */
  async listByOwner(
    owner: string,
    limit: number,
    options: { after?: ListPosition; status?: ImageStatus } = {},
  ): Promise<ImagePage> {
    const items: ImageRecord[] = [];
    // The start key is rebuilt under the caller's own partition, so a cursor can only move
    // within the caller's images.
    let start: Record<string, unknown> | undefined = options.after && {
      pk: imagePk(options.after.id),
      sk: IMAGE_SK,
      gsi1pk: ownerPk(owner),
      gsi1sk: ownerSk(options.after.createdAt, options.after.id),
    };
    do {
      const { Items = [], LastEvaluatedKey } = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: TABLE_KEYS.ownerIndex.name,
          KeyConditionExpression: 'gsi1pk = :owner',
          ScanIndexForward: false,
          // One more than asked tells whether another page exists.
          Limit: limit + 1 - items.length,
          ExclusiveStartKey: start,
          ...(options.status
            ? {
                FilterExpression: '#status = :status',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':owner': ownerPk(owner), ':status': options.status },
              }
            : { ExpressionAttributeValues: { ':owner': ownerPk(owner) } }),
        }),
      );
      items.push(...Items.map(toRecord));
      start = LastEvaluatedKey;
    } while (start && items.length <= limit);
    return { items: items.slice(0, limit), hasMore: items.length > limit };
  }
}
