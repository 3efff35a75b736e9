import type { S3Event } from 'aws-lambda';
import { processUpload, type ProcessOutcome } from './process-upload.js';
import { remindOverdueReviews } from './reminders.js';
import type { ProcessorServices } from './services.js';
import { isSweepEvent, sweepExpiredClaims, type SweepEvent } from './sweep.js';

/** S3 event keys are URL-encoded with spaces as '+'. */
export const decodeS3Key = (key: string) => decodeURIComponent(key.replace(/\+/g, ' '));

/**
 * The processor's Lambda handler, shared by both homes. It also answers the scheduled sweep
 * ({ "sweep": true }), which finishes images whose worker died and reminds of images waiting
 * for review. Records are processed concurrently; if any
 * could not reach a terminal state the invocation fails so Lambda's retry delivers it again
 * (claims make the retry safe for the records that did finish).
 */
export function createProcessorHandler(services: ProcessorServices) {
  return async (event: S3Event | SweepEvent): Promise<ProcessOutcome[]> => {
    if (isSweepEvent(event)) {
      const [outcomes] = await Promise.all([
        sweepExpiredClaims(services),
        remindOverdueReviews(services),
      ]);
      services.telemetry?.publishStoredMetrics();
      return outcomes;
    }
    const created = event.Records.filter((r) => r.eventName.startsWith('ObjectCreated:'));
    const settled = await Promise.allSettled(
      created.map((record) =>
        processUpload(services, {
          bucket: record.s3.bucket.name,
          key: decodeS3Key(record.s3.object.key),
          size: record.s3.object.size,
          ...(record.s3.object.eTag ? { eTag: record.s3.object.eTag } : {}),
        }),
      ),
    );
    services.telemetry?.publishStoredMetrics();
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
    if (failures.length > 0) {
      throw new AggregateError(failures, `${failures.length} upload(s) could not be finished`);
    }
    return settled.map((s) => (s as PromiseFulfilledResult<ProcessOutcome>).value);
  };
}
