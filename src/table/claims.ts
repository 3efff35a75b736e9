import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ImageRecord, ImageStatus, TerminalStatus } from '../model/image.js';
import { updateImageIf } from './conditional.js';
import { REVIEW_PK, TABLE_KEYS, idFromImagePk, leasePk } from './layout.js';
import { toRecord, type CompletedFields, type Item } from './records.js';

const epochSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

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
   * PROCESSING claim whose lease has run out (its worker died) and that has been claimed fewer
   * than `maxAttempts` times. Returns the claimed record; `exhausted` (nothing written) when the
   * lease ran out after the last attempt, so an image that keeps killing its worker (out of
   * memory, out of time) is failed rather than retried for ever; undefined when another worker
   * holds it, it is already finished, or there is no such image.
   */
  async claim(
    id: string,
    token: string,
    now: Date,
    leaseSeconds: number,
    maxAttempts = Number.MAX_SAFE_INTEGER,
  ): Promise<{ record: ImageRecord } | { exhausted: ImageRecord } | undefined> {
    let exhausted: Record<string, unknown> | undefined;
    const record = await updateImageIf(this.client, this.tableName, id, {
      update:
        'SET #status = :processing, claimToken = :token, leasePk = :leasePk, leaseUntil = :lease, updatedAt = :now ADD attempts :one REMOVE #ttl',
      condition:
        'attribute_exists(pk) AND (#status = :pending OR (#status = :processing AND leaseUntil < :nowEpoch AND (attribute_not_exists(attempts) OR attempts < :max)))',
      names: { '#status': 'status', '#ttl': TABLE_KEYS.ttlAttribute },
      values: {
        ':processing': 'PROCESSING' satisfies ImageStatus,
        ':pending': 'PENDING_UPLOAD' satisfies ImageStatus,
        ':token': token,
        ':leasePk': leasePk(id),
        ':one': 1,
        ':lease': epochSeconds(now) + leaseSeconds,
        ':now': now.toISOString(),
        ':nowEpoch': epochSeconds(now),
        ':max': maxAttempts,
      },
      applied: (item) => {
        if (
          item.status === 'PROCESSING' &&
          item.claimToken !== token &&
          Number(item.leaseUntil) < epochSeconds(now) &&
          Number(item.attempts ?? 0) >= maxAttempts
        ) {
          exhausted = item;
        }
        return item.claimToken === token && item.status === 'PROCESSING';
      },
    });
    if (record) return { record };
    return exhausted ? { exhausted: toRecord(exhausted) } : undefined;
  }

  /**
   * Fails an image whose every attempt ended with its worker gone (see `claim`), once: only while
   * it is still in that state, so a racing sweep or delivery writes nothing. True when written.
   */
  async giveUp(
    id: string,
    maxAttempts: number,
    fields: Pick<CompletedFields, 'error' | 'errorCode' | 'bytes'>,
    now: Date,
  ): Promise<boolean> {
    const record = await updateImageIf(this.client, this.tableName, id, {
      update:
        'SET #status = :failed, #error = :error, errorCode = :code, #bytes = :bytes, variants = :none, updatedAt = :now, processedAt = :now REMOVE claimToken, leasePk, leaseUntil',
      condition: '#status = :processing AND leaseUntil < :nowEpoch AND attempts >= :max',
      names: { '#status': 'status', '#error': 'error', '#bytes': 'bytes' },
      values: {
        ':failed': 'FAILED' satisfies ImageStatus,
        ':processing': 'PROCESSING' satisfies ImageStatus,
        ':error': fields.error,
        ':code': fields.errorCode,
        ':bytes': fields.bytes ?? 0,
        ':none': [],
        ':now': now.toISOString(),
        ':nowEpoch': epochSeconds(now),
        ':max': maxAttempts,
      },
      applied: (item) => item.status === 'FAILED' && item.processedAt === now.toISOString(),
    });
    return record !== undefined;
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
    /** IN_REVIEW only (and needed then): why a person must decide, and when to remind them first. */
    held?: { reason: string; remindAt: Date },
  ): Promise<boolean> {
    const values: Item = { ':status': status, ':token': token, ':now': now.toISOString() };
    const names: Record<string, string> = { '#status': 'status' };
    const sets = ['#status = :status', 'updatedAt = :now', 'processedAt = :now'];
    if (status === 'IN_REVIEW') {
      if (!held) throw new Error(`image ${id}: an IN_REVIEW completion needs why it was held`);
      // Into the sparse review index: the moderation queue, oldest first, and the reminders.
      const { partitionKey, sortKey } = TABLE_KEYS.reviewIndex;
      names['#reviewPk'] = partitionKey;
      names['#reviewSince'] = sortKey;
      names['#reviewDue'] = TABLE_KEYS.reviewDueIndex.sortKey;
      values[':reviewPk'] = REVIEW_PK;
      values[':reviewDue'] = held.remindAt.toISOString();
      sets.push('#reviewPk = :reviewPk', '#reviewSince = :now', '#reviewDue = :reviewDue');
      fields = { ...fields, review: { reason: held.reason, since: now.toISOString() } };
    }
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      names[`#${key}`] = key;
      values[`:${key}`] = value;
      sets.push(`#${key} = :${key}`);
    }
    const record = await updateImageIf(this.client, this.tableName, id, {
      update: `SET ${sets.join(', ')} REMOVE claimToken, leasePk, leaseUntil`,
      condition: 'claimToken = :token',
      names,
      values,
      // This completion, applied (the claim is gone, its time and status are this call's).
      applied: (item) =>
        item.claimToken === undefined &&
        item.status === status &&
        item.processedAt === now.toISOString(),
    });
    return record !== undefined;
  }

  /**
   * Notes on a finished image that its original was replaced (a ticket posted again) and the new
   * bytes ignored. Only while the image still pins `pinnedETag` and is not being worked on, and
   * once per replacing ETag: a redelivered notification adds nothing.
   */
  async noteReplacedOriginal(
    id: string,
    pinnedETag: string,
    warning: string,
    now: Date,
  ): Promise<boolean> {
    const record = await updateImageIf(this.client, this.tableName, id, {
      update:
        'SET #warnings = list_append(if_not_exists(#warnings, :none), :warning), updatedAt = :now',
      condition:
        'originalETag = :pinned AND attribute_not_exists(claimToken) AND NOT contains(#warnings, :text)',
      names: { '#warnings': 'warnings' },
      values: {
        ':pinned': pinnedETag,
        ':none': [],
        ':warning': [warning],
        ':text': warning,
        ':now': now.toISOString(),
      },
    });
    return record !== undefined;
  }

  /**
   * Gives up a claim without finishing, so the next delivery can take the image at once rather
   * than after the lease. Only the holder of `token` can release it.
   */
  async release(id: string, token: string): Promise<void> {
    await updateImageIf(this.client, this.tableName, id, {
      update: 'SET leaseUntil = :expired',
      condition: 'claimToken = :token',
      values: { ':expired': 0, ':token': token },
    });
  }

  /**
   * Takes a ticket whose upload never arrived out of the lease index, so the sweep stops looking
   * at it; the record itself is left to expire (TTL). False (and nothing changed) once the
   * upload has been claimed.
   */
  async abandon(id: string): Promise<boolean> {
    const record = await updateImageIf(this.client, this.tableName, id, {
      update: 'REMOVE leasePk, leaseUntil',
      condition: '#status = :pending',
      names: { '#status': 'status' },
      values: { ':pending': 'PENDING_UPLOAD' satisfies ImageStatus },
    });
    return record !== undefined;
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
            ExpressionAttributeValues: { ':shard': `LEASE#${shard}`, ':now': epochSeconds(now) },
            Limit: limit,
          }),
        );
        return Items.map((item) => idFromImagePk(String(item.pk)));
      }),
    );
    // Round-robin over the shards: tickets piled up in one shard cannot starve the others.
    const fair: string[] = [];
    for (let i = 0; fair.length < limit && perShard.some((ids) => i < ids.length); i++) {
      for (const ids of perShard) if (i < ids.length && fair.length < limit) fair.push(ids[i]!);
    }
    return fair;
  }
}
