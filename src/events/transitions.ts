import type { AttributeValue as LambdaAttributeValue, DynamoDBRecord } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { isTerminal, type ImageRecord } from '../model/image.js';
import { IMAGE_SK } from '../table/layout.js';
import {
  finishedCounters,
  reviewCounters,
  uploadCounters,
  withdrawnCounters,
  type Transition,
} from '../table/metrics.js';

/** A transition, and the finished image to announce when there is one. */
export interface ImageTransition extends Transition {
  /** The image as the transition left it: announced once counted. */
  finished?: ImageRecord;
  /**
   * A review transition: a person's decision on a held image, or a reminder that it still waits
   * (announced as such). Absent for runs finishing, uploads and removals.
   */
  review?: 'decided' | 'reminder';
  /**
   * How the bytes the owner stores change with it: what the image holds after it minus before
   * (added to the owner's quota usage in the same transaction; 0: no change).
   */
  storedBytesDelta: number;
}

/**
 * What an image holds in storage: its original (kept for REJECTED and FAILED images too) and its
 * variants. Both change only when a run ends (the processor's terminal write, which records the
 * run's variants and removes those it replaced) or when the image is deleted: exactly the
 * transitions counted here, so summing their deltas gives what is stored. On-demand renders are
 * not counted (a cache, bounded by QUOTA_RENDERS_PER_DAY and removed with the image).
 */
export const storedBytesOf = (image: ImageRecord | undefined) =>
  image ? (image.bytes ?? 0) + image.variants.reduce((sum, v) => sum + v.bytes, 0) : 0;

// The stream's and the SDK's attribute values are the same JSON; only their TypeScript types
// differ (the SDK's is a tagged union, Lambda's a bag of optionals).
const image = (values: Record<string, LambdaAttributeValue> | undefined) =>
  values ? (unmarshall(values as Record<string, AttributeValue>) as ImageRecord) : undefined;

/**
 * What one stream record means for the metrics and the quotas: a new upload ticket, a run that
 * reached a terminal state (the first one of each generation: a reprocess is a run of its own),
 * an image deleted that held stored bytes, or nothing (another edit, another item, a ticket
 * expiring).
 */
export function transitionOf(record: DynamoDBRecord): ImageTransition | undefined {
  if (record.dynamodb?.Keys?.sk?.S !== IMAGE_SK) return undefined;
  const previous = image(record.dynamodb.OldImage);
  if (record.eventName === 'REMOVE') return removalOf(record, previous);
  const next = image(record.dynamodb.NewImage);
  if (!next) return undefined;
  if (record.eventName === 'INSERT' && next.status === 'PENDING_UPLOAD') {
    return {
      imageId: next.id,
      name: 'upload',
      owner: next.owner,
      at: new Date(next.createdAt),
      counters: uploadCounters(),
      storedBytesDelta: storedBytesOf(next),
    };
  }
  if (!isTerminal(next.status)) return undefined;
  const generation = next.generation ?? 0;
  const sameRun =
    previous !== undefined &&
    isTerminal(previous.status) &&
    (previous.generation ?? 0) === generation;
  if (sameRun && previous.status === 'IN_REVIEW') return reviewOf(previous, next, generation);
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
    storedBytesDelta: storedBytesOf(next) - storedBytesOf(previous),
  };
}

/**
 * A person's decision on a held image (IN_REVIEW → PROCESSED or REJECTED), or a reminder that it
 * still waits (the sweep counted one more); any other edit of a held image is nothing.
 */
function reviewOf(
  previous: ImageRecord,
  next: ImageRecord,
  generation: number,
): ImageTransition | undefined {
  const variantBytes = Object.fromEntries(
    next.variants.map((v) => [`${v.name}.${v.format}`, v.bytes]),
  );
  if (next.status === 'IN_REVIEW') {
    const reminders = next.review?.reminders ?? 0;
    if (reminders <= (previous.review?.reminders ?? 0)) return undefined;
    return {
      imageId: next.id,
      name: `reminder#${generation}#${reminders}`,
      owner: next.owner,
      at: new Date(next.updatedAt),
      counters: {},
      finished: next,
      review: 'reminder',
      storedBytesDelta: 0,
    };
  }
  const decision = next.review?.decision;
  if (!decision) return undefined;
  return {
    imageId: next.id,
    name: `reviewed#${generation}`,
    owner: next.owner,
    at: new Date(next.review?.at ?? next.updatedAt),
    counters: reviewCounters({ decision, bytesIn: next.bytes ?? 0, variantBytes }),
    finished: next,
    review: 'decided',
    storedBytesDelta: storedBytesOf(next) - storedBytesOf(previous),
  };
}

/**
 * A deleted image gives back what it held. Counted like the other transitions (its mark, once),
 * though it adds to no metric: metrics are history. A ticket that expired unused held nothing.
 */
function removalOf(
  record: DynamoDBRecord,
  removed: ImageRecord | undefined,
): ImageTransition | undefined {
  const held = storedBytesOf(removed);
  if (!removed || held === 0) return undefined;
  // Held for review and deleted before anyone decided: the queue is one shorter.
  const withdrawn = removed.status === 'IN_REVIEW';
  const seconds = record.dynamodb?.ApproximateCreationDateTime;
  return {
    imageId: removed.id,
    name: 'removed',
    owner: removed.owner,
    at: seconds ? new Date(seconds * 1000) : new Date(removed.updatedAt),
    counters: withdrawn ? withdrawnCounters() : {},
    storedBytesDelta: -held,
  };
}
