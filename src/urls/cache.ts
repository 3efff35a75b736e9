/**
 * What every generation-pinned delivery response may be cached for: what a URL names never
 * changes. Stored objects carry it too (variants and renders), so the bucket says it as well.
 */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
