import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ImageRecord, ImageStatus, ReviewRecord, VariantRecord } from '../model/image.js';
import { updateImageIf } from './conditional.js';
import type { ListPosition } from './images.js';
import { IMAGE_SK, REVIEW_PK, TABLE_KEYS, idFromImagePk, imagePk } from './layout.js';
import { toRecord } from './records.js';

/** A person's decision on an image held for review. */
export interface ReviewDecision {
  /** The deciding admin's identity. */
  by: string;
  at: Date;
  /** Which run's result is decided: a decision on an older run changes nothing. */
  generation: number;
}

const { partitionKey, sortKey } = TABLE_KEYS.reviewIndex;
const dueKey = TABLE_KEYS.reviewDueIndex.sortKey;
const NAMES = {
  '#status': 'status',
  '#generation': 'generation',
  '#reviewPk': partitionKey,
  '#reviewSince': sortKey,
  '#reviewDue': dueKey,
};
const HELD = 'IN_REVIEW' satisfies ImageStatus;

/**
 * The review queue: images a run ended IN_REVIEW, every owner's, in the table's sparse review
 * indexes. Each decision is one conditional write that holds only while the image is still in
 * review at the generation decided, so two admins (or an admin and a reprocess) cannot both win.
 */
export class ImageReviews {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Images in review, oldest first; `after` is the position of the last one of the previous page. */
  async queue(
    limit: number,
    after?: ListPosition,
  ): Promise<{ items: ImageRecord[]; hasMore: boolean }> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: TABLE_KEYS.reviewIndex.name,
        KeyConditionExpression: '#reviewPk = :review',
        ExpressionAttributeNames: { '#reviewPk': partitionKey },
        ExpressionAttributeValues: { ':review': REVIEW_PK },
        ScanIndexForward: true,
        Limit: limit + 1,
        ...(after
          ? {
              ExclusiveStartKey: {
                pk: imagePk(after.id),
                sk: IMAGE_SK,
                [partitionKey]: REVIEW_PK,
                [sortKey]: after.createdAt,
              },
            }
          : {}),
      }),
    );
    const items = Items.map(toRecord);
    return { items: items.slice(0, limit), hasMore: items.length > limit };
  }

  /** Ids of images whose next reminder is due at `now`, the longest overdue first. */
  async due(now: Date, limit: number): Promise<string[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: TABLE_KEYS.reviewDueIndex.name,
        KeyConditionExpression: '#reviewPk = :review AND #reviewDue <= :now',
        ExpressionAttributeNames: { '#reviewPk': partitionKey, '#reviewDue': dueKey },
        ExpressionAttributeValues: { ':review': REVIEW_PK, ':now': now.toISOString() },
        Limit: limit,
      }),
    );
    return Items.map((item) => idFromImagePk(String(item.pk)));
  }

  /**
   * Counts one more reminder and sets when the next is due, once: only while the image is still
   * in review and its reminder still due (a racing sweep writes nothing). The write is what the
   * events function announces, from the stream. True when written.
   */
  async remind(id: string, now: Date, next: Date): Promise<boolean> {
    const record = await updateImageIf(this.client, this.tableName, id, {
      update:
        'SET #reviewDue = :next, updatedAt = :now, review.reminders = if_not_exists(review.reminders, :zero) + :one',
      condition: '#status = :held AND #reviewDue <= :now',
      names: { '#status': 'status', '#reviewDue': dueKey },
      values: {
        ':held': HELD,
        ':next': next.toISOString(),
        ':now': now.toISOString(),
        ':zero': 0,
        ':one': 1,
      },
    });
    return record !== undefined;
  }

  /**
   * PROCESSED, serving `variants` (the held ones' served keys, copied there by the caller), the
   * decision recorded. Undefined, and nothing changed, unless the image is in review at that
   * generation.
   */
  async approve(
    id: string,
    decision: ReviewDecision,
    variants: VariantRecord[],
  ): Promise<ImageRecord | undefined> {
    return this.decide(id, decision, {
      update:
        'SET #status = :processed, variants = :variants, review.decision = :approved, review.#by = :by, review.#at = :at, updatedAt = :at',
      names: { '#by': 'by', '#at': 'at' },
      values: {
        ':processed': 'PROCESSED' satisfies ImageStatus,
        ':variants': variants,
        ':approved': 'APPROVED',
      },
    });
  }

  /** REJECTED with the person's reason, no variants listed (the caller deletes the held ones). */
  async reject(
    id: string,
    decision: ReviewDecision,
    note: string,
  ): Promise<ImageRecord | undefined> {
    return this.decide(id, decision, {
      update:
        'SET #status = :rejected, variants = :none, review.decision = :rejectedDecision, review.#by = :by, review.#at = :at, review.note = :note, #error = :error, errorCode = :code, updatedAt = :at',
      names: { '#by': 'by', '#at': 'at', '#error': 'error' },
      values: {
        ':rejected': 'REJECTED' satisfies ImageStatus,
        ':none': [],
        ':rejectedDecision': 'REJECTED',
        ':note': note,
        ':error': `rejected in review: ${note}`,
        ':code': 'MODERATION',
      },
    });
  }

  private decide(
    id: string,
    decision: ReviewDecision,
    change: { update: string; names: Record<string, string>; values: Record<string, unknown> },
  ): Promise<ImageRecord | undefined> {
    return updateImageIf(this.client, this.tableName, id, {
      // Out of both review indexes with the same write.
      update: `${change.update} REMOVE #reviewPk, #reviewSince, #reviewDue`,
      // An upload's own run has no generation attribute; a reprocess's has its number.
      condition:
        decision.generation === 0
          ? '#status = :held AND (attribute_not_exists(#generation) OR #generation = :generation)'
          : '#status = :held AND #generation = :generation',
      names: { ...NAMES, ...change.names },
      values: {
        ...change.values,
        ':held': HELD,
        ':generation': decision.generation,
        ':by': decision.by,
        ':at': decision.at.toISOString(),
      },
      // A retry whose first reply was lost finds its own decision made.
      applied: (item) => {
        const review = item.review as ReviewRecord | undefined;
        return (
          item.status !== HELD &&
          review?.at === decision.at.toISOString() &&
          review.by === decision.by
        );
      },
    });
  }
}
