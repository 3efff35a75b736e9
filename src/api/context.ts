import type DataLoader from 'dataloader';
import type { ImageRecord } from '../model/image.js';
import type { ApiServices } from './services.js';

/** Per-request batching: fields that name other images (duplicateOf) read them in one BatchGet. */
export interface ApiLoaders {
  images: DataLoader<string, ImageRecord | undefined>;
}

/** What every resolver gets: who is calling, and the services they may use on the caller's behalf. */
export interface ApiContext extends ApiServices {
  /** Taken from the authorizer's claims, never from arguments. */
  owner: string;
  /** In the ADMIN_GROUP (from the same claims): may read everyone's metrics and moderate. */
  admin: boolean;
  loaders: ApiLoaders;
}
