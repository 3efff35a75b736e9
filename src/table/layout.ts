/**
 * The single table's key schema. Terraform declares the same attributes and index; a contract test
 * keeps the two in step.
 */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Lists an owner's images newest first. */
  ownerIndex: { name: 'byOwner', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  /**
   * Sparse: only images being processed carry these attributes, so the sweep finds claims whose
   * lease ran out (worker killed, retries exhausted) without scanning. The sort key is a number
   * (epoch seconds); the partition is sharded so claims do not all write to one GSI partition.
   */
  leaseIndex: { name: 'byLease', partitionKey: 'leasePk', sortKey: 'leaseUntil', shards: 8 },
  /**
   * Sparse: only images IN_REVIEW carry these, so the moderation queue (every owner's, oldest
   * first) and the sweep's reminders read them without scanning. One partition: images wait for
   * review at a person's pace, far below a partition's write rate.
   */
  reviewIndex: { name: 'byReview', partitionKey: 'reviewPk', sortKey: 'reviewSince' },
  /**
   * The same images by when their next reminder is due (ISO time), keys only: the sweep reads
   * exactly those due, however long the queue, and moves each one's time on as it reminds.
   */
  reviewDueIndex: { name: 'byReviewDue', partitionKey: 'reviewPk', sortKey: 'reviewDue' },
  /** Epoch seconds; DynamoDB deletes records of uploads that never arrived. */
  ttlAttribute: 'expiresAt',
} as const;

export const imagePk = (id: string) => `IMG#${id}`;
export const idFromImagePk = (pk: string) => pk.slice('IMG#'.length);
/** The lease shard of an image: a stable spread over TABLE_KEYS.leaseIndex.shards partitions. */
export const leasePk = (id: string) =>
  `LEASE#${parseInt(id.slice(0, 8), 16) % TABLE_KEYS.leaseIndex.shards}`;
export const IMAGE_SK = 'IMAGE';
/** The review index's one partition. */
export const REVIEW_PK = 'REVIEW';
/** The primary key of an image's item. */
export const imageKey = (id: string) => ({ pk: imagePk(id), sk: IMAGE_SK });
export const ownerPk = (owner: string) => `OWNER#${owner}`;
/** Sorts newest first when queried with ScanIndexForward = false. */
export const ownerSk = (createdAt: string, id: string) => `${createdAt}#${id}`;

/**
 * Metric counters: per scope and shard, one item per day plus one running total. Shard 0 keeps
 * the unsharded key, so tables from before sharding read as they were.
 */
export const metricsPk = (scope: string, shard = 0) =>
  shard === 0 ? `METRICS#${scope}` : `METRICS#${scope}#${shard}`;
export const METRICS_TOTAL_SK = 'TOTAL';
export const metricsDaySk = (day: string) => `DAY#${day}`;
/**
 * The events handler's mark that it counted one transition of an image: an item of the image's
 * partition, not an attribute of the image, so deleting the image between its transition and
 * its counting can neither lose the count nor let a redelivery count it twice. It expires after
 * the stream's own retention (24 h) has long passed.
 */
export const eventMarkKey = (id: string, transition: string) => ({
  pk: imagePk(id),
  sk: `EVENT#${transition}`,
});
export const EVENT_MARK_TTL_SECONDS = 8 * 24 * 60 * 60;
/** The scope that sums every owner. */
export const ALL_OWNERS = '*';

/**
 * Per-owner quota counters (src/table/quotas.ts), a partition per owner: a day item per UTC day
 * (`uploads`, `renders`), expiring a couple of days after its day ends, and one running `STORED`
 * item (`bytes` of originals plus variants, which deletes give back).
 */
export const quotaPk = (owner: string) => `QUOTA#${owner}`;
export const quotaDaySk = (day: string) => `DAY#${day}`;
export const QUOTA_STORED_SK = 'STORED';
/** How long a day item outlives its day, so `quota` read just after midnight still finds it. */
export const QUOTA_DAY_TTL_SECONDS = 2 * 24 * 60 * 60;
