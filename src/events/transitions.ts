import type { AttributeValue as LambdaAttributeValue, DynamoDBRecord } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { isTerminal, type ImageRecord } from '../model/image.js';
import { IMAGE_SK } from '../table/layout.js';
import { finishedCounters, uploadCounters, type Transition } from '../table/metrics.js';

/** A transition, and the finished image to announce when there is one. */
export interface ImageTransition extends Transition {
  /** The image as the transition left it: announced once counted. */
  finished?: ImageRecord;
}

// The stream's and the SDK's attribute values are the same JSON; only their TypeScript types
// differ (the SDK's is a tagged union, Lambda's a bag of optionals).
const image = (values: Record<string, LambdaAttributeValue> | undefined) =>
  values ? (unmarshall(values as Record<string, AttributeValue>) as ImageRecord) : undefined;

/**
 * What one stream record means for the metrics: a new upload ticket, a run that reached a
 * terminal state (the first one of each generation: a reprocess is a run of its own), or
 * nothing (another edit, another item, a ticket expiring).
 */
export function transitionOf(record: DynamoDBRecord): ImageTransition | undefined {
  if (record.dynamodb?.Keys?.sk?.S !== IMAGE_SK) return undefined;
  const next = image(record.dynamodb.NewImage);
  if (!next) return undefined;
  const previous = image(record.dynamodb.OldImage);
  if (record.eventName === 'INSERT' && next.status === 'PENDING_UPLOAD') {
    return {
      imageId: next.id,
      name: 'upload',
      owner: next.owner,
      at: new Date(next.createdAt),
      counters: uploadCounters(),
    };
  }
  if (!isTerminal(next.status)) return undefined;
  const generation = next.generation ?? 0;
  const sameRun =
    previous !== undefined &&
    isTerminal(previous.status) &&
    (previous.generation ?? 0) === generation;
  if (sameRun) return undefined;
  return {
    imageId: next.id,
    name: `finished#${generation}`,
    owner: next.owner,
    at: new Date(next.processedAt ?? next.updatedAt),
    counters: finishedCounters({
      status: next.status,
      bytesIn: next.bytes ?? 0,
      variantBytes: Object.fromEntries(
        next.variants.map((v) => [`${v.name}.${v.format}`, v.bytes]),
      ),
      faces: next.faces?.length ?? 0,
      processingMs: next.timings?.totalMs,
      reason: next.errorCode,
      reprocess: generation > 0,
    }),
    finished: next,
  };
}
