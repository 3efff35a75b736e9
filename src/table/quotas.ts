import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  QUOTA_DAY_TTL_SECONDS,
  QUOTA_STORED_SK,
  TABLE_KEYS,
  quotaDaySk,
  quotaPk,
} from './layout.js';
import { utcDay } from './metrics.js';
import { batchGetAll, retryingConflicts } from './requests.js';

/** The quotas, as `quota` and QUOTA_EXCEEDED's `extensions.quota` name them. */
export type QuotaName = 'UPLOADS_PER_DAY' | 'STORED_BYTES' | 'RENDERS_PER_DAY';

/** A quota's limit; null: unlimited (the setting's `unlimited`). */
export type Limit = number | null;

/** One write of a TransactWriteItems. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** What one owner has used: today's per-day counters and the bytes stored now. */
export interface QuotaUsage {
  uploads: number;
  renders: number;
  storedBytes: number;
}

/** A quota refused the request; nothing was written. */
export class QuotaExceededError extends Error {
  constructor(
    readonly quota: QuotaName,
    readonly limit: number,
    readonly used: number,
    /** When the count starts again (the next UTC midnight); none for stored bytes. */
    readonly resetsAt?: Date,
  ) {
    super(`quota ${quota} exceeded: ${used} used of ${limit}`);
    this.name = 'QuotaExceededError';
  }
}

/** The next UTC midnight after `at`: when per-day counts start again. */
export const nextUtcMidnight = (at: Date) =>
  new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1));

type DayCounter = 'uploads' | 'renders';

const dayKey = (owner: string, at: Date) => ({ pk: quotaPk(owner), sk: quotaDaySk(utcDay(at)) });
const storedKey = (owner: string) => ({ pk: quotaPk(owner), sk: QUOTA_STORED_SK });

/**
 * Adds `delta` to a day counter of the owner's day item: with a limit, only while the counter is
 * below it (checked and added in one conditional write, so concurrent requests can never pass it
 * together). The item expires QUOTA_DAY_TTL_SECONDS after its day ends.
 */
function dayCounterUpdate(
  tableName: string,
  owner: string,
  counter: DayCounter,
  at: Date,
  limit: Limit,
) {
  const expiresAt = Math.floor(nextUtcMidnight(at).getTime() / 1000) + QUOTA_DAY_TTL_SECONDS;
  return {
    TableName: tableName,
    Key: dayKey(owner, at),
    UpdateExpression: 'ADD #counter :one SET #ttl = :ttl',
    ExpressionAttributeNames: { '#counter': counter, '#ttl': TABLE_KEYS.ttlAttribute },
    ExpressionAttributeValues: {
      ':one': 1,
      ':ttl': expiresAt,
      ...(limit === null ? {} : { ':limit': limit }),
    },
    ...(limit === null
      ? {}
      : { ConditionExpression: 'attribute_not_exists(#counter) OR #counter < :limit' }),
    // The item as it was when refused: how much was used, for the caller's answer.
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
  };
}

/**
 * The STORED item's bytes, never below 0: images finished before quotas were counted give back,
 * when deleted, bytes that were never added.
 */
const storedOf = (item: Record<string, unknown> | undefined) =>
  Math.max(0, Number(item?.bytes ?? 0));

/** A counter of an item as DynamoDB returned it with a refusal (not unmarshalled by the SDK). */
const counterOf = (item: Record<string, AttributeValue> | undefined, counter: string) =>
  Number((item ? unmarshall(item) : {})[counter] ?? 0);

/**
 * A new upload ticket's charge: one of the owner's uploads of the ticket's UTC day, written in the
 * same transaction as the ticket's record (ImageTable.createPending), so the record exists
 * exactly when it was counted.
 */
export const uploadCharge = (
  tableName: string,
  owner: string,
  at: Date,
  limit: Limit,
): TransactItem => ({ Update: dayCounterUpdate(tableName, owner, 'uploads', at, limit) });

/**
 * The refusal when the upload charge at `index` of a cancelled transaction failed its condition:
 * the day's uploads were at the limit. Undefined for any other cancellation.
 */
export function uploadsRefusal(
  error: unknown,
  index: number,
  at: Date,
  limit: Limit,
): QuotaExceededError | undefined {
  if (limit === null || !(error instanceof TransactionCanceledException)) return undefined;
  const reason = error.CancellationReasons?.[index];
  if (reason?.Code !== 'ConditionalCheckFailed') return undefined;
  return new QuotaExceededError(
    'UPLOADS_PER_DAY',
    limit,
    counterOf(reason.Item, 'uploads'),
    nextUtcMidnight(at),
  );
}

/**
 * Per-owner quota counters (layout.ts: QUOTA#<owner>). Uploads are charged with the ticket's
 * record (uploadCharge), renders by delivery (chargeRender), stored bytes by the events handler in
 * the transaction that counts the change (storedBytesChange): each exactly once, never by a scan.
 */
export class QuotaTable {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** What the owner has used today (UTC) and stores now: one BatchGetItem of two items. */
  async usage(owner: string, now: Date): Promise<QuotaUsage> {
    const usage: QuotaUsage = { uploads: 0, renders: 0, storedBytes: 0 };
    const keys = [dayKey(owner, now), storedKey(owner)];
    for (const item of await batchGetAll(this.client, this.tableName, keys)) {
      if (item.sk === QUOTA_STORED_SK) usage.storedBytes = storedOf(item);
      else {
        usage.uploads = Number(item.uploads ?? 0);
        usage.renders = Number(item.renders ?? 0);
      }
    }
    return usage;
  }

  /** The bytes the owner stores (originals plus variants), as the events handler counted them. */
  async storedBytes(owner: string): Promise<number> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: storedKey(owner),
        ProjectionExpression: '#bytes',
        ExpressionAttributeNames: { '#bytes': 'bytes' },
      }),
    );
    return storedOf(Item);
  }

  /** Refuses (QuotaExceededError) when the owner already stores `limit` bytes or more. */
  async checkStoredBytes(owner: string, limit: Limit): Promise<void> {
    if (limit === null) return;
    const used = await this.storedBytes(owner);
    if (used >= limit) throw new QuotaExceededError('STORED_BYTES', limit, used);
  }

  /**
   * Charges one on-demand render to the owner's day of `at`; QuotaExceededError (nothing
   * charged) when the day's renders are at the limit.
   */
  async chargeRender(owner: string, at: Date, limit: Limit): Promise<void> {
    try {
      await retryingConflicts(() =>
        this.client.send(
          new UpdateCommand(dayCounterUpdate(this.tableName, owner, 'renders', at, limit)),
        ),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException) || limit === null) throw error;
      const used = counterOf(error.Item, 'renders');
      throw new QuotaExceededError('RENDERS_PER_DAY', limit, used, nextUtcMidnight(at));
    }
  }

  /** Gives back a render charged at `at` that was not delivered (never below 0). */
  async refundRender(owner: string, at: Date): Promise<void> {
    try {
      await retryingConflicts(() =>
        this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: dayKey(owner, at),
            UpdateExpression: 'ADD renders :minus',
            ConditionExpression: 'renders > :zero',
            ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
          }),
        ),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /**
   * A change of the bytes the owner stores, as one write of the transaction that counts the
   * transition causing it (MetricsTable.count): applied exactly when the transition is counted.
   */
  storedBytesChange(owner: string, delta: number): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: storedKey(owner),
        UpdateExpression: 'ADD #bytes :delta',
        ExpressionAttributeNames: { '#bytes': 'bytes' },
        ExpressionAttributeValues: { ':delta': delta },
      },
    };
  }
}
