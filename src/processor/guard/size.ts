import { UnprocessableImageError } from '../../model/failure.js';

/** Larger uploads are refused without being read: the POST policy's limit, checked again. */
export function checkSize(bytes: number, maxBytes: number): void {
  if (bytes > maxBytes) {
    throw new UnprocessableImageError(
      'TOO_LARGE',
      `upload is ${bytes} bytes; the limit is ${maxBytes}`,
    );
  }
}

export function checkNotEmpty(input: Buffer): void {
  if (input.length === 0)
    throw new UnprocessableImageError('EMPTY', 'the upload is empty (0 bytes)');
}
