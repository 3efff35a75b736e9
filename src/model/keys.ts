/**
 * Object key layout. The API signs uploads for exactly `originalKey(id)`; the originals bucket
 * notifies the processor only under ORIGINALS_PREFIX; variants live in a separate bucket so no
 * write of the processor can trigger it again.
 */
export const ORIGINALS_PREFIX = 'uploads/';

export const originalKey = (imageId: string): string => `${ORIGINALS_PREFIX}${imageId}`;

/**
 * Where a variant is stored. Each reprocessImage run (generation ≥ 1) writes under a folder of its
 * own, so new variants never overwrite the ones still served until the record points at them.
 */
export const variantKey = (
  imageId: string,
  name: string,
  extension: string,
  generation?: number,
): string =>
  generation !== undefined && generation > 0
    ? `variants/${imageId}/r${generation}/${name}.${extension}`
    : `variants/${imageId}/${name}.${extension}`;

/**
 * Variants of an image held for review are stored here first: no delivery URL maps to this
 * prefix (urls/grammar.ts names only variants/ and renders/), so nothing can serve them.
 * Approval copies each to its variantKey; rejection deletes them.
 */
export const HELD_PREFIX = 'held/';
export const heldKey = (servedKey: string): string => `${HELD_PREFIX}${servedKey}`;
/** The key a held variant is served from once approved. */
export const servedKey = (key: string): string =>
  key.startsWith(HELD_PREFIX) ? key.slice(HELD_PREFIX.length) : key;

const ORIGINAL_KEY = /^uploads\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The image id an original's key belongs to, or undefined for keys the API never signs. */
export const imageIdFromOriginalKey = (key: string): string | undefined =>
  ORIGINAL_KEY.exec(key)?.[1];

/**
 * On-demand renders, stored in the variants bucket the first time a size is asked for, under
 * the image and generation they were made from: a reprocessed image's new renders never collide
 * with the old ones, and deleting an image removes everything under its prefix.
 */
export const RENDERS_PREFIX = 'renders/';

export const rendersPrefix = (imageId: string, generation?: number): string =>
  generation === undefined
    ? `${RENDERS_PREFIX}${imageId}/`
    : `${RENDERS_PREFIX}${imageId}/${generation}/`;

/** `suffix` is the file extension of the format rendered, or `jpg-or-png` (see urls/grammar.ts). */
export const renderKey = (
  imageId: string,
  generation: number,
  transform: string,
  suffix: string,
): string => `${rendersPrefix(imageId, generation)}${transform}.${suffix}`;
