/** An image's ThumbHash as a blurred preview, shown while the real picture loads. */
import { useMemo } from 'react';
import { thumbHashToDataURL } from 'thumbhash';

/** The preview as a PNG data: URL (the CSP allows data: images), or undefined if unreadable. */
export function placeholderUrl(hash: string): string | undefined {
  try {
    return thumbHashToDataURL(Uint8Array.from(atob(hash), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** Decorative (alt=""): the real image beside it carries the alt text. */
export function Placeholder({ hash, className }: { hash: string; className?: string }) {
  const url = useMemo(() => placeholderUrl(hash), [hash]);
  return url ? <img className={className} src={url} alt="" aria-hidden="true" /> : null;
}
