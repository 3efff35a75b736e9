import type { ImageRecord } from '../model/image.js';

/** Attributes that exist only for the table's own bookkeeping, never shown to callers. */
const INTERNAL = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'claimToken',
  'leasePk',
  'leaseUntil',
  'expiresAt',
  'reviewPk',
  'reviewSince',
  'reviewDue',
] as const;

export type Item = Record<string, unknown>;

/** The image as callers see it: the stored item without the table's bookkeeping. */
export function toRecord(item: Item): ImageRecord {
  const record = { ...item };
  for (const key of INTERNAL) delete record[key];
  return record as unknown as ImageRecord;
}

/** What a worker records when an image reaches its terminal state. */
export type CompletedFields = Pick<
  ImageRecord,
  | 'bytes'
  | 'originalETag'
  | 'originalVersionId'
  | 'width'
  | 'height'
  | 'format'
  | 'variants'
  | 'timings'
  | 'faces'
  | 'moderation'
  | 'labels'
  | 'error'
  | 'errorCode'
  | 'warnings'
  | 'placeholder'
  | 'dominantColor'
  | 'phash'
  | 'review'
  | 'duplicateOf'
>;
