import type { ImageRecord } from '../../model/image.js';
import type { ListPosition } from '../../table/images.js';
import { badUserInput } from '../errors.js';
import { UUID } from './arguments.js';

/** Cursors are opaque to clients: base64url of the list position of an image. */
export const encodeCursor = (image: Pick<ImageRecord, 'createdAt' | 'id'>): string =>
  Buffer.from(JSON.stringify([image.createdAt, image.id])).toString('base64url');

/** What this API writes into a cursor: a record's createdAt (toISOString) and its UUID. */
const CREATED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** A cursor of this API is ~80 characters; anything far longer is not one. */
const MAX_CURSOR_LENGTH = 200;

/**
 * The list position in a cursor, checked in full: its parts become the start key of a table
 * query, and DynamoDB answers a malformed key (too long, wrong shape) with an error of its own.
 */
export function decodeCursor(cursor: string): ListPosition {
  try {
    if (cursor.length > MAX_CURSOR_LENGTH) throw new RangeError('too long');
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      CREATED_AT.test(value[0]) &&
      Number.isFinite(Date.parse(value[0])) &&
      UUID.test(value[1])
    ) {
      return { createdAt: value[0], id: value[1] };
    }
  } catch {
    // Falls through to the error below.
  }
  throw badUserInput('`after` is not a cursor returned by this API', 'after');
}

export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

/** A connection's `first`: 1..MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE when left out. */
export function pageSize(first: number | null | undefined): number {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}; got ${limit}`, 'first');
  }
  return limit;
}

/** A page of images as a Relay connection, each cursor the image's place in the list. */
export function connection(
  page: { items: ImageRecord[]; hasMore: boolean },
  positionOf: (image: ImageRecord) => Pick<ImageRecord, 'createdAt' | 'id'> = (image) => image,
) {
  const edges = page.items.map((node) => ({ cursor: encodeCursor(positionOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: page.hasMore, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
