import type { ImageRecord } from '../../model/image.js';
import type { ListPosition } from '../../table/images.js';
import { badUserInput } from '../errors.js';

/** Cursors are opaque to clients: base64url of the list position of an image. */
export const encodeCursor = (image: Pick<ImageRecord, 'createdAt' | 'id'>): string =>
  Buffer.from(JSON.stringify([image.createdAt, image.id])).toString('base64url');

export function decodeCursor(cursor: string): ListPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string'
    ) {
      return { createdAt: value[0], id: value[1] };
    }
  } catch {
    // Falls through to the error below.
  }
  throw badUserInput('`after` is not a cursor returned by this API', 'after');
}
