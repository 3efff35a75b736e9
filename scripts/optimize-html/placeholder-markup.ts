/**
 * What `--dry-run` shows in place of the API's markup: the chosen markup's shape, with `…` for
 * what only an upload can tell (the variants' URLs and sizes). A dry run uploads nothing.
 */
import { escapeHtml, type HtmlKind } from '../../src/model/markup.js';

export const PENDING = '…';

export interface PlaceholderOptions {
  kind: HtmlKind;
  /** Where the variants will be, as the page will reach them; absent for remote URLs. */
  folderUrl?: string | undefined;
  sizes: string | null;
  alt: string | null;
}

export function placeholderMarkup(options: PlaceholderOptions): string {
  const url = options.folderUrl ? `${options.folderUrl}/${PENDING}` : PENDING;
  const attrs = (pairs: [string, string][]) =>
    pairs.map(([name, value]) => ` ${name}="${escapeHtml(value)}"`).join('');
  const image: [string, string][] = [
    ['src', url],
    ['srcset', `${url} ${PENDING}w`],
    ['sizes', options.sizes ?? PENDING],
    ['width', PENDING],
    ['height', PENDING],
    ['alt', options.alt ?? PENDING],
  ];
  const img = `<img${attrs([...image, ['loading', 'lazy'], ['decoding', 'async']])}>`;
  switch (options.kind) {
    case 'IMG_SRCSET':
      return img;
    case 'PICTURE': {
      const source = attrs([
        ['type', `image/${PENDING}`],
        ['srcset', `${url} ${PENDING}w`],
        ['sizes', options.sizes ?? PENDING],
      ]);
      return `<picture><source${source}>${img}</picture>`;
    }
    case 'AMP_IMG':
      return `<amp-img${attrs([['layout', 'responsive'], ...image])}></amp-img>`;
  }
}
