import type { ApiServices } from './services.js';

/** What every resolver gets: who is calling, and the services they may use on the caller's behalf. */
export interface ApiContext extends ApiServices {
  /** Taken from the authorizer's claims, never from arguments. */
  owner: string;
  /** In the ADMIN_GROUP (from the same claims): may read everyone's metrics. */
  admin: boolean;
}
