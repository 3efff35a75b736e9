/**
 * The console's pages as hash routes (#/images/<id>): static hosting needs no rewrite rules, and
 * the Cognito callback's query string never collides with a route.
 */
import { useEffect, useState } from 'react';

export type Route =
  | { page: 'images' }
  | { page: 'upload' }
  | { page: 'image'; id: string }
  | { page: 'metrics' }
  | { page: 'review' };

export function parseRoute(hash: string): Route | undefined {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '/images') return { page: 'images' };
  if (path === '/upload') return { page: 'upload' };
  if (path === '/metrics') return { page: 'metrics' };
  if (path === '/review') return { page: 'review' };
  const image = /^\/images\/([0-9a-f-]{36})$/.exec(path);
  return image ? { page: 'image', id: image[1]! } : undefined;
}

export function href(route: Route): string {
  return route.page === 'image' ? `#/images/${route.id}` : `#/${route.page}`;
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

/** The current route (undefined for an unknown address), following back and forward. */
export function useRoute(): Route | undefined {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
