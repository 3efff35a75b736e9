import { randomUUID } from 'node:crypto';
import type { ImageRecord, TerminalStatus } from '../model/image.js';
import { retryTransient } from '../storage/transient.js';
import type { CompletedFields } from '../table/records.js';
import { reminderDue } from './reminders.js';
import type { ProcessorServices } from './services.js';

/**
 * One worker's hold on one image: taken with a conditional write, given back or completed only
 * while its token still holds. Duplicate deliveries and racing workers find the image claimed or
 * finished, so exactly one of them does the work and counts it.
 */
export class Claim {
  private constructor(
    private readonly services: ProcessorServices,
    readonly record: ImageRecord,
    private readonly token: string,
  ) {}

  /**
   * The claim on `imageId`; `exhausted` (the record) when its lease ran out after the last of
   * MAX_ATTEMPTS claims; undefined when it is finished, held by a live worker, or gone.
   */
  static async take(
    services: ProcessorServices,
    imageId: string,
    now: Date,
  ): Promise<Claim | { exhausted: ImageRecord } | undefined> {
    const token = randomUUID();
    const taken = await services.claims.claim(
      imageId,
      token,
      now,
      services.config.PROCESSING_LEASE_SECONDS,
      services.config.MAX_ATTEMPTS,
    );
    if (!taken) return undefined;
    return 'record' in taken ? new Claim(services, taken.record, token) : taken;
  }

  /**
   * Records the terminal state (IN_REVIEW with `heldFor`, why a person must decide); false when
   * the claim was lost (nothing written, nothing to count).
   */
  async complete(
    status: TerminalStatus,
    fields: CompletedFields,
    at: Date,
    heldFor?: string,
  ): Promise<boolean> {
    const held =
      heldFor === undefined
        ? undefined
        : { reason: heldFor, remindAt: reminderDue(this.services.config, at) };
    try {
      return await this.services.claims.complete(
        this.record.id,
        this.token,
        status,
        fields,
        at,
        held,
      );
    } catch (error) {
      // The result could not be recorded: give the claim back so a retry can start over at once.
      await this.release();
      throw error;
    }
  }

  /** Gives the image back for the next delivery at once (best effort: the lease runs out anyway). */
  async release(): Promise<void> {
    await this.services.claims.release(this.record.id, this.token).catch(() => undefined);
  }
}

/**
 * Whether the image still has a record (consistent read). When the table cannot say, assume it
 * does: that only ever leaves objects in place, never removes what a record lists.
 */
export async function recordExists(services: ProcessorServices, imageId: string): Promise<boolean> {
  try {
    return await retryTransient(() => services.images.exists(imageId));
  } catch (error) {
    services.logger.warn('could not check whether the image exists', {
      imageId,
      error: error as Error,
    });
    return true;
  }
}
