import { TERMINAL_STATUSES } from '../model/image.js';
import { IMAGE_SK } from '../table/layout.js';

/**
 * Which of the table's stream records reach the events handler: the event source mapping's
 * filter criteria on AWS (terraform/events.tf, kept equal by a contract test) and the local
 * poller's. A record passes when any pattern matches. Image items only (never the counters or
 * the handler's own marks): a new ticket, any write that leaves an image terminal (the handler
 * tells a transition from a later edit by the old image), and an image removed (deleted, or an
 * unused ticket expiring: the handler ignores what held no stored bytes).
 */
export const STREAM_FILTER_PATTERNS = [
  { eventName: ['INSERT'], dynamodb: { Keys: { sk: { S: [IMAGE_SK] } } } },
  {
    eventName: ['INSERT', 'MODIFY'],
    dynamodb: {
      Keys: { sk: { S: [IMAGE_SK] } },
      NewImage: { status: { S: [...TERMINAL_STATUSES] } },
    },
  },
  { eventName: ['REMOVE'], dynamodb: { Keys: { sk: { S: [IMAGE_SK] } } } },
] as const;
