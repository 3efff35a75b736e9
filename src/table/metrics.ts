import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { FailureCode } from '../model/failure.js';
import type { TerminalStatus } from '../model/image.js';
import { addCounters, emptyCounters, latencyBucket, type Counters } from '../model/metrics.js';
import {
  ALL_OWNERS,
  EVENT_MARK_TTL_SECONDS,
  METRICS_TOTAL_SK,
  TABLE_KEYS,
  eventMarkKey,
  metricsDaySk,
  metricsPk,
} from './layout.js';
import { batchGetAll, retryingConflicts } from './requests.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const COUNTER_FOR = {
  PROCESSED: 'processed',
  IN_REVIEW: 'inReview',
  REJECTED: 'rejected',
  FAILED: 'failed',
} as const;
const SCALARS = [
  'uploads',
  'processed',
  'rejected',
  'failed',
  'reprocessed',
  'inReview',
  'approved',
  'reviewRejected',
  'reviewWithdrawn',
  'bytesIn',
  'bytesInProcessed',
  'bytesOut',
  'facesDetected',
  'processingMsSum',
  'processingCount',
] as const;
// Map-valued counters are flattened into prefixed attributes: ADD works only on top-level numbers
// that may not exist yet.
const LATENCY = 'lat_';
const VARIANT = 'vb_';
const REASON = 'r_';

export const utcDay = (at: Date) => at.toISOString().slice(0, 10);

export interface FinishedImage {
  status: TerminalStatus;
  bytesIn: number;
  /** Bytes per `name.format` variant written. */
  variantBytes: Record<string, number>;
  faces: number;
  /** Upload-to-terminal processing time, when the processor measured it. */
  processingMs?: number | undefined;
  reason?: FailureCode | undefined;
  /** The run was started by reprocessImage: counted as a run and as `reprocessed`, not an upload. */
  reprocess?: boolean;
}

/** What a new upload ticket adds. */
export const uploadCounters = (): Record<string, number> => ({ uploads: 1 });

/**
 * What a finished run adds, as counter attributes (maps flattened: see LATENCY and friends). A run
 * held for review adds its variants' bytes only once approved (reviewCounters), so bytes saved
 * compare what is served with the originals it came from.
 */
export function finishedCounters(image: FinishedImage): Record<string, number> {
  const held = image.status === 'IN_REVIEW';
  const add: Record<string, number> = {
    [COUNTER_FOR[image.status]]: 1,
    bytesIn: image.bytesIn,
    facesDetected: image.faces,
    ...(held ? {} : variantCounters(image.variantBytes)),
  };
  if (image.status === 'PROCESSED') add.bytesInProcessed = image.bytesIn;
  if (image.processingMs !== undefined) {
    add.processingMsSum = image.processingMs;
    add.processingCount = 1;
    add[`${LATENCY}${latencyBucket(image.processingMs)}`] = 1;
  }
  if (image.reason) add[`${REASON}${image.reason}`] = 1;
  if (image.reprocess) add.reprocessed = 1;
  return add;
}

function variantCounters(variantBytes: Record<string, number>): Record<string, number> {
  const add: Record<string, number> = {
    bytesOut: Object.values(variantBytes).reduce((sum, n) => sum + n, 0),
  };
  for (const [variant, bytes] of Object.entries(variantBytes)) add[`${VARIANT}${variant}`] = bytes;
  return add;
}

/**
 * What a person's decision on a held image adds: approved, it is a processed run whose variants
 * are now served; rejected, a rejection by moderation. Neither is a new run's time or faces.
 */
export function reviewCounters(image: {
  decision: 'APPROVED' | 'REJECTED';
  bytesIn: number;
  variantBytes: Record<string, number>;
}): Record<string, number> {
  if (image.decision === 'REJECTED') {
    return { rejected: 1, reviewRejected: 1, [`${REASON}MODERATION`]: 1 };
  }
  return {
    processed: 1,
    approved: 1,
    bytesInProcessed: image.bytesIn,
    ...variantCounters(image.variantBytes),
  };
}

/** A held image deleted before anyone decided. */
export const withdrawnCounters = (): Record<string, number> => ({ reviewWithdrawn: 1 });

/** One change of an image that the metrics count: a ticket issued, a run finished. */
export interface Transition {
  imageId: string;
  /**
   * Names it among the image's transitions: `upload`, `finished#<generation>`,
   * `reviewed#<generation>`, `reminder#<generation>#<n>`, `removed`.
   */
  name: string;
  owner: string;
  /** When it happened: its UTC day is the day counted; it also dates the mark's expiry. */
  at: Date;
  counters: Record<string, number>;
  /**
   * Further writes of the same transaction, made exactly when the transition is counted (the
   * owner's stored bytes: src/table/quotas.ts). They must follow from the transition alone: a
   * retry is recognised by its token only when it is the same request.
   */
  also?: TransactItem[];
}

/** How many items each scope's counters are spread over (METRICS_SHARDS, METRICS_OWNER_SHARDS). */
export interface MetricShards {
  everyone: number;
  owner: number;
}

/** The shard counts as the settings name them (src/config/env.ts metricShardsEnv). */
export const metricShards = (settings: {
  METRICS_SHARDS: number;
  METRICS_OWNER_SHARDS: number;
}): MetricShards => ({ everyone: settings.METRICS_SHARDS, owner: settings.METRICS_OWNER_SHARDS });

/** A mark of a counted transition, as the events handler left it. */
export interface TransitionMark {
  announcedAt?: string;
}

/**
 * Which of a scope's shards a transition goes to: a hash of the image and transition, so the
 * same transition always picks the same shard (a retried transaction must be identical to be
 * recognised by its token) and many transitions spread evenly.
 */
export function shardOf(transition: Pick<Transition, 'imageId' | 'name'>, shards: number): number {
  if (shards <= 1) return 0;
  return digest(transition).readUInt32BE(0) % shards;
}

const digest = (transition: Pick<Transition, 'imageId' | 'name'>) =>
  createHash('sha256').update(`${transition.imageId}#${transition.name}`).digest();

/** TransactionConflict (another transaction on the same item in flight): tried again, briefly. */
const CONFLICT_RETRIES = 8;

function parse(item: Record<string, unknown>): Counters {
  const counters = emptyCounters();
  for (const name of SCALARS) counters[name] = Number(item[name] ?? 0);
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith(LATENCY))
      counters.latency[Number(name.slice(LATENCY.length))] = Number(value);
    else if (name.startsWith(VARIANT))
      counters.variantBytes[name.slice(VARIANT.length)] = Number(value);
    else if (name.startsWith(REASON)) {
      counters.reasons[name.slice(REASON.length) as FailureCode] = Number(value);
    }
  }
  return counters;
}

/**
 * Counters kept per owner and for everyone, per UTC day and in total, each spread over a few
 * shard items: reading metrics costs a handful of item reads whatever the number of images, and
 * no one item takes every image's write. Only the events handler writes them, each transition
 * exactly once (count).
 */
export class MetricsTable {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly shards: MetricShards = { everyone: 1, owner: 1 },
  ) {}

  private shardsOf(scope: string): number {
    return scope === ALL_OWNERS ? this.shards.everyone : this.shards.owner;
  }

  /**
   * Adds a transition's counters to its owner's and everyone's total and day items, makes its
   * further writes (`also`) and marks it counted, in one transaction that holds only while the
   * mark is absent: a redelivered stream record, or a retry whose first reply was lost, changes
   * nothing ('already'). The request token makes the SDK's own retries of a lost reply succeed
   * without applying twice.
   */
  async count(transition: Transition): Promise<'counted' | 'already'> {
    const entries = Object.entries(transition.counters).filter(([, value]) => value !== 0);
    const names = Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name]));
    const values = Object.fromEntries(entries.map(([, value], i) => [`:c${i}`, value]));
    const update = `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`;
    const day = metricsDaySk(utcDay(transition.at));
    const counterItems = [transition.owner, ALL_OWNERS].flatMap((scope) => {
      const pk = metricsPk(scope, shardOf(transition, this.shardsOf(scope)));
      return [
        { pk, sk: METRICS_TOTAL_SK },
        { pk, sk: day },
      ];
    });
    const expiresAt = Math.floor(transition.at.getTime() / 1000) + EVENT_MARK_TTL_SECONDS;
    const command = new TransactWriteCommand({
      ClientRequestToken: digest(transition).toString('hex').slice(0, 36),
      TransactItems: [
        {
          Put: {
            TableName: this.tableName,
            Item: {
              ...eventMarkKey(transition.imageId, transition.name),
              countedAt: transition.at.toISOString(),
              [TABLE_KEYS.ttlAttribute]: expiresAt,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...(entries.length === 0
          ? []
          : counterItems.map((Key) => ({
              Update: {
                TableName: this.tableName,
                Key,
                UpdateExpression: update,
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values,
              },
            }))),
        ...(transition.also ?? []),
      ],
    });
    try {
      await retryingConflicts(() => this.client.send(command), CONFLICT_RETRIES);
      return 'counted';
    } catch (error) {
      // The mark's condition (the first write): this transition was counted before.
      const reasons = error instanceof TransactionCanceledException && error.CancellationReasons;
      if (reasons && reasons[0]?.Code === 'ConditionalCheckFailed') return 'already';
      throw error;
    }
  }

  /** The mark of a counted transition, read consistently; undefined when it was not counted. */
  async mark(imageId: string, name: string): Promise<TransitionMark | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: eventMarkKey(imageId, name),
        ConsistentRead: true,
      }),
    );
    return Item
      ? { ...(Item.announcedAt ? { announcedAt: String(Item.announcedAt) } : {}) }
      : undefined;
  }

  /** Records that a counted transition was announced, so a redelivery does not announce again. */
  async markAnnounced(imageId: string, name: string, at: Date): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: eventMarkKey(imageId, name),
        UpdateExpression: 'SET announcedAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at.toISOString() },
      }),
    );
  }

  /** Running totals for one owner, or for everyone with ALL_OWNERS: one read of all shards. */
  async readTotals(scope: string): Promise<Counters> {
    const keys = Array.from({ length: this.shardsOf(scope) }, (_, shard) => ({
      pk: metricsPk(scope, shard),
      sk: METRICS_TOTAL_SK,
    }));
    const items = await batchGetAll(this.client, this.tableName, keys);
    return items.reduce((total, item) => addCounters(total, parse(item)), emptyCounters());
  }

  /**
   * The day items from `from` to `to` (YYYY-MM-DD, inclusive), shards summed: one query per
   * shard, in parallel. Absent days are omitted; days come in order.
   */
  async readDays(
    scope: string,
    from: string,
    to: string,
  ): Promise<{ day: string; counters: Counters }[]> {
    const perShard = await Promise.all(
      Array.from({ length: this.shardsOf(scope) }, (_, shard) =>
        this.readShardDays(metricsPk(scope, shard), from, to),
      ),
    );
    const byDay = new Map<string, Counters>();
    for (const { day, counters } of perShard.flat()) {
      byDay.set(day, addCounters(byDay.get(day) ?? emptyCounters(), counters));
    }
    return [...byDay.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, counters]) => ({ day, counters }));
  }

  private async readShardDays(pk: string, from: string, to: string) {
    const days: { day: string; counters: Counters }[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const { Items = [], LastEvaluatedKey } = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': pk,
            ':from': metricsDaySk(from),
            ':to': metricsDaySk(to),
          },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of Items) {
        days.push({ day: String(item.sk).slice(metricsDaySk('').length), counters: parse(item) });
      }
      start = LastEvaluatedKey;
    } while (start);
    return days;
  }
}
