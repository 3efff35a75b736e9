import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TerminalStatus } from '../model/image.js';
import { ALL_OWNERS, METRICS_TOTAL_SK, metricsDaySk, metricsPk } from './layout.js';

export interface MetricsTotals {
  uploads: number;
  processed: number;
  rejected: number;
  failed: number;
  bytesIn: number;
  bytesOut: number;
  facesDetected: number;
}

const COUNTER_FOR: Record<TerminalStatus, keyof MetricsTotals> = {
  PROCESSED: 'processed',
  REJECTED: 'rejected',
  FAILED: 'failed',
};

export const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Counters kept with atomic ADDs as events happen, per owner and for everyone, per UTC day and
 * in total, so reading metrics costs a few item reads whatever the number of images.
 */
export class MetricsTable {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  recordUploadRequested(owner: string, at: Date): Promise<void> {
    return this.add(owner, at, { uploads: 1 });
  }

  recordFinished(
    owner: string,
    at: Date,
    status: TerminalStatus,
    counts: { bytesIn: number; bytesOut: number; faces: number },
  ): Promise<void> {
    return this.add(owner, at, {
      [COUNTER_FOR[status]]: 1,
      bytesIn: counts.bytesIn,
      bytesOut: counts.bytesOut,
      facesDetected: counts.faces,
    });
  }

  /** Running totals for one owner, or for everyone with ALL_OWNERS. */
  async readTotals(scope: string): Promise<MetricsTotals> {
    const { Item = {} } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: metricsPk(scope), sk: METRICS_TOTAL_SK },
      }),
    );
    const read = (name: keyof MetricsTotals) => Number(Item[name] ?? 0);
    return {
      uploads: read('uploads'),
      processed: read('processed'),
      rejected: read('rejected'),
      failed: read('failed'),
      bytesIn: read('bytesIn'),
      bytesOut: read('bytesOut'),
      facesDetected: read('facesDetected'),
    };
  }

  private async add(owner: string, at: Date, counters: Partial<MetricsTotals>): Promise<void> {
    const entries = Object.entries(counters).filter(([, value]) => value !== 0);
    const names = Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name]));
    const values = Object.fromEntries(entries.map(([, value], i) => [`:c${i}`, value]));
    const update = `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`;
    const targets = [owner, ALL_OWNERS].flatMap((scope) => [
      { pk: metricsPk(scope), sk: METRICS_TOTAL_SK },
      { pk: metricsPk(scope), sk: metricsDaySk(utcDay(at)) },
    ]);
    await Promise.all(
      targets.map((Key) =>
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
    );
  }
}
