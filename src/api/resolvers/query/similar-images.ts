// The pure hash arithmetic only: no sharp in the API bundle.
import { nearHashes, PHASH_BITS } from '../../../model/phash.js';
import type { ImageRecord } from '../../../model/image.js';
import type { QueryResolvers } from '../../../schema/generated/resolvers-types.js';
import { badUserInput } from '../../errors.js';
import { checkId } from '../arguments.js';

/** The most of an owner's images (newest first) one query compares against. */
export const SIMILAR_SCAN_LIMIT = 5000;
const MAX_RESULTS = 100;

function checkRange(name: string, value: number, low: number, high: number): number {
  if (!Number.isInteger(value) || value < low || value > high) {
    throw badUserInput(`${name} must be between ${low} and ${high}; got ${value}`, name);
  }
  return value;
}

/**
 * `similarImages`: the caller's near-duplicates of one image, by perceptual-hash distance.
 *
 * Cost: this reads the owner's index (up to SIMILAR_SCAN_LIMIT items, newest first; DynamoDB
 * charges for the whole items, though only id, createdAt and phash come back) and compares in
 * memory, so it is O(the owner's images) per call, and an owner with more images than the limit
 * only has the newest compared. Fine for thousands of images; for large owners the better design
 * is locality-sensitive hashing in the table: split the 64 bits into b bands and write one small
 * item per band, keyed `SIMILAR#<owner>#<band>#<bits>` (or as sparse GSI keys). Two hashes within
 * distance b − 1 share at least one band exactly (pigeonhole; 11 bands of 5–6 bits cover the
 * default distance of 10), so a query reads b small partitions of plausible candidates and checks
 * their exact distance as here, whatever the owner's image count.
 */
export const similarImages: NonNullable<QueryResolvers['similarImages']> = async (_, args, ctx) => {
  // Explicit nulls mean the defaults, like omitted arguments.
  const maxDistance = checkRange('maxDistance', args.maxDistance ?? 10, 0, PHASH_BITS);
  const first = checkRange('first', args.first ?? 20, 1, MAX_RESULTS);
  const target = await ctx.images.getOwned(checkId(args.id), ctx.owner);
  if (!target) return null;
  if (target.status !== 'PROCESSED' || !target.phash) return [];

  const { hashes } = await ctx.images.perceptualHashes(ctx.owner, SIMILAR_SCAN_LIMIT);
  // Nearest first; among equals the newest, as in `images`.
  const near = nearHashes(target.phash, hashes, maxDistance, target.id).slice(0, first);
  // Only the few matches are read whole, in one batch; one deleted since the scan is left out.
  const records = await ctx.images.getMany(near.map((h) => h.id));
  return near.flatMap((h, i) => {
    const image: ImageRecord | undefined = records[i];
    return image?.owner === ctx.owner && image.status === 'PROCESSED'
      ? [{ image, distance: h.distance }]
      : [];
  });
};
