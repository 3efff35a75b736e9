import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { countAndAnnounce } from './count-and-announce.js';
import type { EventsServices } from './services.js';
import { transitionOf } from './transitions.js';

/**
 * The events function: a batch of the table's stream records in, a partial batch response out
 * (the records that failed, so the event source mapping retries from the first of them). Every
 * record is idempotent, so the ones after it that succeeded may be delivered again safely.
 */
export function createEventsHandler(services: EventsServices) {
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  const handleRecord = async (record: DynamoDBRecord) => {
    const transition = transitionOf(record);
    if (!transition) return 'ignored';
    try {
      return await countAndAnnounce(services, transition);
    } catch (error) {
      services.logger.warn('transition not counted or announced; will be retried', {
        imageId: transition.imageId,
        transition: transition.name,
        error: error as Error,
      });
      throw error;
    }
  };
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    try {
      // A batch that failed as a whole is answered like any other: its failed records, listed.
      return await processPartialResponse(event, handleRecord, processor, {
        throwOnFullBatchFailure: false,
      });
    } finally {
      services.telemetry?.publishStoredMetrics();
    }
  };
}
