import { nearHashes } from '../../model/phash.js';
import type { Step } from '../job.js';

/**
 * How many of the owner's newest images the duplicates step compares with, as similarImages
 * does: the cost of reading them grows with the owner's image count (see perceptualHashes).
 */
export const DUPLICATE_SCAN_LIMIT = 5000;

/**
 * Optional (DUPLICATES): an upload whose perceptual hash is within DUPLICATE_MAX_DISTANCE bits of
 * one of the same owner's images (processed or in review) is held for review or rejected, naming
 * the nearest one. Owners are never compared with each other.
 */
export const duplicates: Step = {
  name: 'duplicates',
  async run(job) {
    const { config, images } = job.services;
    const hash = job.result.phash;
    if (config.DUPLICATES === 'off' || !hash) return;
    const { hashes } = await images.perceptualHashes(job.record.owner, DUPLICATE_SCAN_LIMIT, [
      'PROCESSED',
      'IN_REVIEW',
    ]);
    const [nearest] = nearHashes(hash, hashes, config.DUPLICATE_MAX_DISTANCE, job.record.id);
    if (!nearest) return;
    job.result.duplicateOf = nearest.id;
    const what = `a near-duplicate of image ${nearest.id} (perceptual hashes ${nearest.distance} of 64 bits apart; at most ${config.DUPLICATE_MAX_DISTANCE} counts)`;
    if (config.DUPLICATES === 'review') {
      (job.held ??= []).push(`held for review as ${what}`);
      return;
    }
    job.result.error = `rejected as ${what}`;
    job.result.errorCode = 'DUPLICATE';
    return 'REJECTED';
  },
};
