import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type _Record as StreamRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Logger } from '../observability/logger.js';
import { matchesAny, type FilterPattern } from './stream-filter.js';

/** Like the event source mapping's settings in terraform/events.tf. */
const BATCH_SIZE = 100;
const MAX_ATTEMPTS = 11; // the first delivery and events_max_retry_attempts (10) more
const IDLE_POLL_MS = 100;
const RETRY_BASE_MS = 100;

export interface StreamPollerOptions {
  client: DynamoDBStreamsClient;
  streamArn: string;
  region: string;
  handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;
  /** The event source mapping's filter criteria: only matching records are delivered. */
  filter: readonly FilterPattern[];
  /** Where the position in each shard is kept, so a restart resumes where the last run was. */
  checkpointFile: string;
  /** Where records the handler kept failing on go (the local on-failure destination), one JSON per line. */
  failedFile: string;
  logger: Logger;
  batchSize?: number;
  maxAttempts?: number;
}

export interface StreamPoller {
  /** Resolves once every record written before the call has been handled (or given up on). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

interface Checkpoints {
  /** Last sequence number handled, per shard. */
  after: Record<string, string>;
  /** Shards read to their end (closed by DynamoDB). */
  done: string[];
}

/**
 * What Lambda's event source mapping does for the table's stream on AWS, for the embedded
 * default: reads each shard in order (a child shard after its parent), applies the filter,
 * delivers batches as a DynamoDBStreamEvent, and on a partial batch response delivers again
 * from the first failed record; after `maxAttempts` the batch's records go to `failedFile`,
 * as the mapping sends them to its on-failure destination. The position is checkpointed after
 * each batch, so a process killed mid-batch delivers that batch again when it restarts (the
 * handler is idempotent; at-least-once delivery is exactly what Lambda promises too).
 */
export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const { client, logger } = options;
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const checkpoints = await readCheckpoints(options.checkpointFile);
  const iterators = new Map<string, string>();
  let stopping = false;
  /** Bumped after every full pass over the shards that found nothing new. */
  let quietPasses = 0;
  let passes = 0;

  const save = async () => {
    const tmp = `${options.checkpointFile}.tmp`;
    await mkdir(dirname(options.checkpointFile), { recursive: true });
    await writeFile(tmp, JSON.stringify(checkpoints));
    await rename(tmp, options.checkpointFile);
  };

  const shards = async (): Promise<Shard[]> => {
    const all: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await client.send(
        new DescribeStreamCommand({ StreamArn: options.streamArn, ExclusiveStartShardId: start }),
      );
      all.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return all;
  };

  const iteratorFor = async (shardId: string, at?: string): Promise<string | undefined> => {
    const after = checkpoints.after[shardId];
    const { ShardIterator } = await client.send(
      new GetShardIteratorCommand({
        StreamArn: options.streamArn,
        ShardId: shardId,
        ...(at
          ? { ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: at }
          : after
            ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
            : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator;
  };

  /** Delivers one batch until it succeeds or runs out of attempts (then sets its records aside). */
  const deliver = async (shardId: string, records: StreamRecord[]): Promise<void> => {
    let pending = records.map((record) => toLambdaRecord(record, options));
    pending = pending.filter((record) => matchesAny(record, options.filter));
    for (let attempt = 1; pending.length > 0; attempt++) {
      let failedFrom: string | undefined;
      try {
        const { batchItemFailures } = await options.handler({ Records: pending });
        failedFrom = batchItemFailures
          .map((failure) => failure.itemIdentifier)
          .sort(compareSequence)[0];
      } catch (error) {
        logger.error('events handler failed', { error: error as Error });
        failedFrom = pending[0]!.dynamodb!.SequenceNumber;
      }
      if (failedFrom === undefined) return;
      pending = pending.filter(
        (record) => compareSequence(record.dynamodb!.SequenceNumber!, failedFrom) >= 0,
      );
      if (attempt >= maxAttempts) {
        logger.error('stream records given up on after retries', {
          shardId,
          records: pending.length,
          from: failedFrom,
        });
        await appendFile(
          options.failedFile,
          pending.map((record) => JSON.stringify(record)).join('\n') + '\n',
        );
        return;
      }
      await sleep(RETRY_BASE_MS * 2 ** Math.min(attempt - 1, 5));
      if (stopping) throw new Error('stopping');
    }
  };

  /** One read of one shard; true when it found records. */
  const pollShard = async (shard: Shard): Promise<boolean> => {
    const shardId = shard.ShardId!;
    const iterator = iterators.get(shardId) ?? (await iteratorFor(shardId));
    if (!iterator) return false;
    let result;
    try {
      result = await client.send(
        new GetRecordsCommand({ ShardIterator: iterator, Limit: batchSize }),
      );
    } catch (error) {
      if (error instanceof ExpiredIteratorException) {
        iterators.delete(shardId);
        return true;
      }
      if (error instanceof TrimmedDataAccessException) {
        logger.error('stream records expired before they were read', { shardId });
        delete checkpoints.after[shardId];
        iterators.delete(shardId);
        return true;
      }
      throw error;
    }
    const records = result.Records ?? [];
    if (records.length > 0) {
      await deliver(shardId, records);
      checkpoints.after[shardId] = records.at(-1)!.dynamodb!.SequenceNumber!;
      await save();
    }
    if (result.NextShardIterator) {
      iterators.set(shardId, result.NextShardIterator);
    } else {
      iterators.delete(shardId);
      checkpoints.done.push(shardId);
      await save();
    }
    return records.length > 0;
  };

  const loop = (async () => {
    while (!stopping) {
      let found = false;
      try {
        const all = await shards();
        const ids = new Set(all.map((shard) => shard.ShardId));
        for (const shard of all) {
          if (stopping) break;
          if (checkpoints.done.includes(shard.ShardId!)) continue;
          const parent = shard.ParentShardId;
          // A child shard's records follow its parent's: read the parent to its end first.
          if (parent && ids.has(parent) && !checkpoints.done.includes(parent)) continue;
          if (await pollShard(shard)) found = true;
        }
      } catch (error) {
        if (stopping) break;
        logger.error('stream poll failed', { error: error as Error });
        found = true; // try again at once, but not so fast as to spin
        await sleep(IDLE_POLL_MS);
      }
      passes++;
      if (!found) {
        quietPasses = passes;
        await sleep(IDLE_POLL_MS);
      }
    }
  })();

  return {
    async drain() {
      // A pass that starts after this call and finds nothing has seen everything written before.
      const startedAfter = passes + 1;
      while (quietPasses <= startedAfter && !stopping) await sleep(20);
    },
    async stop() {
      stopping = true;
      await loop;
    },
  };
}

/** DynamoDB Streams sequence numbers are decimal strings of up to 40 digits. */
function compareSequence(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** The record as Lambda delivers it: the same fields, with Lambda's event source fields added. */
function toLambdaRecord(
  record: StreamRecord,
  options: Pick<StreamPollerOptions, 'streamArn' | 'region'>,
): DynamoDBRecord {
  const change = record.dynamodb!;
  return {
    eventID: record.eventID!,
    eventName: record.eventName!,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: options.region,
    eventSourceARN: options.streamArn,
    dynamodb: {
      // Lambda sends epoch seconds; the SDK parses the same field into a Date.
      ...(change.ApproximateCreationDateTime
        ? { ApproximateCreationDateTime: change.ApproximateCreationDateTime.getTime() / 1000 }
        : {}),
      // Same JSON, differently typed (the SDK's union, Lambda's optionals).
      Keys: change.Keys as NonNullable<DynamoDBRecord['dynamodb']>['Keys'],
      ...(change.NewImage
        ? { NewImage: change.NewImage as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'] }
        : {}),
      ...(change.OldImage
        ? { OldImage: change.OldImage as NonNullable<DynamoDBRecord['dynamodb']>['OldImage'] }
        : {}),
      SequenceNumber: change.SequenceNumber!,
      SizeBytes: change.SizeBytes ?? 0,
      StreamViewType: change.StreamViewType!,
    },
  };
}

async function readCheckpoints(file: string): Promise<Checkpoints> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<Checkpoints>;
    return { after: parsed.after ?? {}, done: parsed.done ?? [] };
  } catch {
    return { after: {}, done: [] };
  }
}

export { DynamoDBStreamsClient };
