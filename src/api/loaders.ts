import DataLoader from 'dataloader';
import type { ApiLoaders } from './context.js';
import type { ApiServices } from './services.js';

/** Made for each request, so nothing one caller read is ever served to another. */
export function createLoaders(services: Pick<ApiServices, 'images'>): ApiLoaders {
  return {
    images: new DataLoader((ids: readonly string[]) => services.images.getMany(ids), {
      // BatchGetItem takes at most 100 keys (getMany's limit).
      maxBatchSize: 100,
    }),
  };
}
