import type { ImageDetailsQuery } from '../../../client/generated/graphql.js';

/** One image as the image page loads it (ImageDetailsDocument). */
export type ImageDetails = NonNullable<ImageDetailsQuery['image']>;
