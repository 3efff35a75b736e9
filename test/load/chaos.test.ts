/**
 * `npm run test:load` (CI runs it after `npm test`): the chaos run at full size, 1,000 uploads,
 * about three minutes on two cores, kept out of the default suite for its time.
 */
import { describeChaos } from '../helpers/chaos.js';

describeChaos(1000);
