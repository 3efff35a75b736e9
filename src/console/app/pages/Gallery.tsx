/**
 * The caller's images as a grid of tiles, newest first, a page at a time: more load as the end
 * of the grid scrolls into view, or with the "Load more" button (for keyboards, and for browsers
 * where nothing scrolls because the first page fits).
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { GalleryQuery, ImageStatus } from '../../../client/generated/graphql.js';
import { GalleryDocument } from '../../../client/console-operations.js';
import { errorMessage, useConsole } from '../api.js';
import { Placeholder } from '../parts/Placeholder.js';
import { STATUS_LABELS, StatusBadge } from '../parts/StatusBadge.js';
import { href } from '../router.js';
import './gallery.css';

const PAGE_SIZE = 24;

const STATUSES = Object.keys(STATUS_LABELS) as ImageStatus[];
/** A tile's thumbnail fills 180 CSS pixels or more (gallery.css), on screens up to 2x. */
const THUMBNAIL_SIDE = 360;

type Tile = GalleryQuery['images']['edges'][number]['node'];

/** The smallest variant whose shorter side fills the tile, else the largest there is. */
function thumbnailOf(variants: Tile['variants']): string | undefined {
  const bySize = [...variants].sort((a, b) => a.width * a.height - b.width * b.height);
  return (bySize.find((v) => Math.min(v.width, v.height) >= THUMBNAIL_SIDE) ?? bySize.at(-1))?.url;
}

interface Listing {
  tiles: Tile[];
  endCursor: string | null;
  hasNextPage: boolean;
  loading: boolean;
  error: string | undefined;
}

const FRESH: Listing = {
  tiles: [],
  endCursor: null,
  hasNextPage: false,
  loading: true,
  error: undefined,
};

/** The pages of one status filter; `more()` fetches the next, `retry()` the one that failed. */
function useListing(status: ImageStatus | undefined) {
  const { api } = useConsole();
  const [listing, setListing] = useState<Listing>(FRESH);
  // Which filter a response belongs to: one for a filter left behind is dropped.
  const generation = useRef(0);
  const busy = useRef(false);

  const fetchPage = useCallback(
    (after: string | null) => {
      const mine = generation.current;
      busy.current = true;
      setListing((l) => ({ ...l, loading: true, error: undefined }));
      api.request(GalleryDocument, { first: PAGE_SIZE, after, status }).then(
        ({ images }) => {
          if (mine !== generation.current) return;
          busy.current = false;
          setListing((l) => {
            // Images uploaded meanwhile shift the pages; never show one twice.
            const seen = new Set(l.tiles.map((t) => t.id));
            return {
              tiles: [
                ...l.tiles,
                ...images.edges.map((e) => e.node).filter((n) => !seen.has(n.id)),
              ],
              endCursor: images.pageInfo.endCursor,
              hasNextPage: images.pageInfo.hasNextPage,
              loading: false,
              error: undefined,
            };
          });
        },
        (error: unknown) => {
          if (mine !== generation.current) return;
          busy.current = false;
          setListing((l) => ({ ...l, loading: false, error: errorMessage(error) }));
        },
      );
    },
    [api, status],
  );

  useEffect(() => {
    generation.current++;
    setListing(FRESH);
    fetchPage(null);
  }, [fetchPage]);

  const latest = useRef(listing);
  latest.current = listing;
  /** The next page, unless one is on its way, a request failed (retry) or there is none. */
  const more = useCallback(() => {
    const { hasNextPage, error, endCursor } = latest.current;
    if (busy.current || !hasNextPage || error) return false;
    fetchPage(endCursor);
    return true;
  }, [fetchPage]);
  const retry = useCallback(() => fetchPage(latest.current.endCursor), [fetchPage]);
  return { listing, more, retry };
}

export function Gallery() {
  const id = useId();
  const [status, setStatus] = useState<ImageStatus | undefined>();
  const { listing, more, retry } = useListing(status);
  const { tiles, loading, error, hasNextPage } = listing;
  const grid = useRef<HTMLUListElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  // After "Load more", focus goes to the first new tile, so a keyboard carries on from there.
  const focusFrom = useRef<number | undefined>(undefined);

  useEffect(() => {
    const target = sentinel.current;
    if (!target || !hasNextPage || loading || error) return;
    // Observing anew after each page: if the sentinel is still in view, the next loads too.
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) more();
      },
      { rootMargin: '400px 0px' },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [hasNextPage, loading, error, tiles.length, more]);

  useEffect(() => {
    const from = focusFrom.current;
    if (from === undefined || loading) return;
    focusFrom.current = undefined;
    grid.current?.querySelectorAll<HTMLAnchorElement>('a.gallery-link')[from]?.focus();
  }, [loading, tiles.length]);

  return (
    <section className="gallery">
      <h1>Your images</h1>
      <div className="gallery-filter">
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          value={status ?? ''}
          onChange={(event) => setStatus(STATUSES.find((s) => s === event.target.value))}
        >
          <option value="">All</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>

      {tiles.length > 0 && (
        <ul ref={grid} aria-label="Images" className="gallery-grid">
          {tiles.map((tile) => (
            <GalleryTile key={tile.id} tile={tile} />
          ))}
        </ul>
      )}
      <div ref={sentinel} aria-hidden="true" />

      {!loading && !error && tiles.length === 0 && (
        <p>
          {status ? `No images with the status “${STATUS_LABELS[status]}”.` : 'No images yet.'}{' '}
          <a href={href({ page: 'upload' })}>Upload images</a>
        </p>
      )}
      {error && (
        <div className="error gallery-error" role="alert">
          <p>The images could not be loaded: {error}</p>
          <button type="button" onClick={retry}>
            Try again
          </button>
        </div>
      )}
      {loading && (
        <p className="muted" role="status">
          Loading images…
        </p>
      )}
      {hasNextPage && !error && (
        <button
          type="button"
          className="secondary gallery-more"
          aria-disabled={loading || undefined}
          onClick={() => {
            if (more()) focusFrom.current = tiles.length;
          }}
        >
          {loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}

function GalleryTile({ tile }: { tile: Tile }) {
  const { id, filename, status, placeholder, dominantColor, error } = tile;
  const thumbnail = thumbnailOf(tile.variants);
  const [shown, setShown] = useState(false);
  const [broken, setBroken] = useState(false);
  const reason = status === 'REJECTED' || status === 'FAILED' ? error : null;
  const picture = Boolean(thumbnail) && !broken;
  return (
    <li className="gallery-tile">
      <a className="gallery-link" href={href({ page: 'image', id })}>
        <span
          className="gallery-frame"
          style={dominantColor ? { backgroundColor: dominantColor } : undefined}
        >
          {thumbnail && picture ? (
            <>
              {placeholder && !shown && <Placeholder hash={placeholder} className="gallery-img" />}
              <img
                className={shown ? 'gallery-img gallery-shown' : 'gallery-img'}
                src={thumbnail}
                alt={filename}
                width={240}
                height={240}
                loading="lazy"
                decoding="async"
                onLoad={() => setShown(true)}
                onError={() => setBroken(true)}
              />
            </>
          ) : placeholder ? (
            // Processed, but its thumbnail would not load (e.g. over the render quota).
            <Placeholder hash={placeholder} className="gallery-img" />
          ) : (
            <span className="gallery-none" aria-hidden="true">
              {filename}
            </span>
          )}
        </span>
        {/* The link's name is the file name, once: the thumbnail's alt, else this caption. */}
        <span className="gallery-caption" aria-hidden={picture || undefined}>
          {filename}
        </span>
      </a>
      <StatusBadge status={status} />
      {reason && <p className="gallery-reason error">{reason}</p>}
    </li>
  );
}
