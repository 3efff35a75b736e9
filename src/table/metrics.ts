import {
  GetCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { FailureCode } from '../model/failure.js';
import type { TerminalStatus } from '../model/image.js';
import { emptyCounters, latencyBucket, type Counters } from '../model/metrics.js';
import { retryTransient } from '../storage/transient.js';
import { ALL_OWNERS, METRICS_TOTAL_SK, metricsDaySk, metricsPk } from './layout.js';

const COUNTER_FOR = { PROCESSED: 'processed', REJECTED: 'rejected', FAILED: 'failed' } as const;
const SCALARS = [
  'uploads',
  'processed',
  'rejected',
  'failed',
  'reprocessed',
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
 * Counters kept with atomic ADDs as events happen, per owner and for everyone, per UTC day and in
 * total, so reading metrics costs a handful of item reads whatever the number of images.
 */
export class MetricsTable {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  recordUploadRequested(owner: string, at: Date): Promise<void> {
    return this.add(owner, at, { uploads: 1 });
  }

  recordFinished(owner: string, at: Date, image: FinishedImage): Promise<void> {
    const variantsTotal = Object.values(image.variantBytes).reduce((sum, n) => sum + n, 0);
    const add: Record<string, number> = {
      [COUNTER_FOR[image.status]]: 1,
      bytesIn: image.bytesIn,
      bytesOut: variantsTotal,
      facesDetected: image.faces,
    };
    if (image.status === 'PROCESSED') add.bytesInProcessed = image.bytesIn;
    if (image.processingMs !== undefined) {
      add.processingMsSum = image.processingMs;
      add.processingCount = 1;
      add[`${LATENCY}${latencyBucket(image.processingMs)}`] = 1;
    }
    for (const [variant, bytes] of Object.entries(image.variantBytes)) {
      add[`${VARIANT}${variant}`] = bytes;
    }
    if (image.reason) add[`${REASON}${image.reason}`] = 1;
    if (image.reprocess) add.reprocessed = 1;
    return this.add(owner, at, add);
  }

  /** Running totals for one owner, or for everyone with ALL_OWNERS. */
  async readTotals(scope: string): Promise<Counters> {
    const { Item = {} } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: metricsPk(scope), sk: METRICS_TOTAL_SK },
      }),
    );
    return parse(Item);
  }

  /** The day items from `from` to `to` (YYYY-MM-DD, inclusive) in one query; absent days are omitted. */
  async readDays(
    scope: string,
    from: string,
    to: string,
  ): Promise<{ day: string; counters: Counters }[]> {
    const days: { day: string; counters: Counters }[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const { Items = [], LastEvaluatedKey } = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': metricsPk(scope),
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

  private async add(owner: string, at: Date, counters: Record<string, number>): Promise<void> {
    const entries = Object.entries(counters).filter(([, value]) => value !== 0);
    if (entries.length === 0) return;
    const names = Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name]));
    const values = Object.fromEntries(entries.map(([, value], i) => [`:c${i}`, value]));
    const update = `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`;
    const targets = [owner, ALL_OWNERS].flatMap((scope) => [
      { pk: metricsPk(scope), sk: METRICS_TOTAL_SK },
      { pk: metricsPk(scope), sk: metricsDaySk(utcDay(at)) },
    ]);
    // Each target on its own, retried on passing faults: the image's result is already final, so
    // no later delivery would count it. A retry after a reply that was lost on the way back could
    // count twice; DynamoDB's transactions would close that, the emulator has none.
    await Promise.all(
      targets.map((Key) =>
        retryTransient(() =>
          this.client.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key,
              UpdateExpression: update,
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            }),
          ),
        ),
      ),
    );
  }
}
