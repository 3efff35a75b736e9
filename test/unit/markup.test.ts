import { describe, expect, it } from 'vitest';
import {
  altText,
  escapeHtml,
  renderImageHtml,
  sameAspect,
  type MarkupImage,
  type MarkupVariant,
} from '../../src/model/markup.js';

/** The default preset's outputs for a 2400×1600 original, as the processor records them. */
const IMAGE: MarkupImage = { filename: 'beach.jpg', width: 2400, height: 1600 };
const variant = (name: string, format: string, width: number, height: number): MarkupVariant => ({
  url: `https://cdn.test/${name}.${format}?X-Amz-Credential=a%2Fb&X-Amz-Signature=s`,
  width,
  height,
  format,
});
const DEFAULT_VARIANTS = [
  variant('thumb', 'jpeg', 150, 150),
  variant('thumb', 'webp', 150, 150),
  variant('small', 'jpeg', 640, 427),
  variant('small', 'webp', 640, 427),
  variant('large', 'jpeg', 1080, 720),
  variant('large', 'webp', 1080, 720),
];
const url = (name: string, format: string) =>
  `https://cdn.test/${name}.${format}?X-Amz-Credential=a%2Fb&amp;X-Amz-Signature=s`;

/** The attributes of the first `tag` element, unescaped, as the browser would read them. */
function attributesOf(html: string, tag: string): Record<string, string> {
  const element = new RegExp(`<${tag}((?:\\s+[a-z-]+="[^"]*")*)\\s*>`).exec(html);
  if (!element) throw new Error(`no <${tag}> in ${html}`);
  const unescape = (v: string) =>
    v
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return Object.fromEntries(
    [...element[1]!.matchAll(/([a-z-]+)="([^"]*)"/g)].map((m) => [m[1]!, unescape(m[2]!)]),
  );
}

const candidatesOf = (srcset: string) =>
  srcset.split(', ').map((candidate) => Number(candidate.split(' ')[1]!.replace(/w$/, '')));

describe('IMG_SRCSET', () => {
  it('offers every same-shaped JPEG by width, leaves out the square thumb, and sets the size', () => {
    const html = renderImageHtml(IMAGE, DEFAULT_VARIANTS)!;
    expect(html).toBe(
      `<img src="${url('large', 'jpeg')}" srcset="${url('small', 'jpeg')} 640w, ${url('large', 'jpeg')} 1080w"` +
        ` sizes="(max-width: 1080px) 100vw, 1080px" width="1080" height="720" alt="beach"` +
        ` loading="lazy" decoding="async">`,
    );
  });

  it('takes the caller’s sizes and alt, including an empty alt for decorative images', () => {
    const attrs = attributesOf(
      renderImageHtml(IMAGE, DEFAULT_VARIANTS, { sizes: '50vw', alt: '' })!,
      'img',
    );
    expect(attrs.sizes).toBe('50vw');
    expect(attrs.alt).toBe('');
  });

  it('keeps a square thumb when the original is square', () => {
    const square = { filename: 's.png', width: 900, height: 900 };
    const attrs = attributesOf(
      renderImageHtml(square, [
        variant('thumb', 'png', 150, 150),
        variant('small', 'png', 640, 640),
      ])!,
      'img',
    );
    expect(attrs.srcset).toMatch(/thumb\.png\S* 150w, \S+small\.png\S* 640w$/);
  });

  it('offers one candidate per width when small originals make equal variants', () => {
    const tiny = { filename: 't.jpg', width: 300, height: 200 };
    const attrs = attributesOf(
      renderImageHtml(tiny, [
        variant('small', 'jpeg', 300, 200),
        variant('large', 'jpeg', 300, 200),
      ])!,
      'img',
    );
    expect(attrs.srcset!.split(', ')).toHaveLength(1);
  });

  it('never mixes looks in one srcset: plain renditions first, else the largest one’s look', () => {
    const grey = '[{"op":"greyscale"}]';
    const withGrey = [
      ...DEFAULT_VARIANTS,
      { ...variant('grey', 'jpeg', 1600, 1067), look: grey },
      { ...variant('smallgrey', 'jpeg', 320, 213), look: grey },
    ];
    const plain = attributesOf(renderImageHtml(IMAGE, withGrey)!, 'img');
    expect(plain.srcset).not.toContain('grey');
    expect(plain.src).toContain('large.jpeg');

    const onlyGrey = withGrey.filter((v) => v.look === grey);
    const greyAttrs = attributesOf(renderImageHtml(IMAGE, onlyGrey)!, 'img');
    expect(candidatesOf(greyAttrs.srcset!)).toEqual([320, 1600]);
  });

  it('is undefined when there is nothing to show', () => {
    expect(renderImageHtml(IMAGE, [])).toBeUndefined();
  });
});

describe('PICTURE', () => {
  it('lists AVIF, then WebP sources, then the JPEG <img> fallback', () => {
    const variants = [
      ...DEFAULT_VARIANTS,
      variant('small', 'avif', 640, 427),
      variant('large', 'avif', 1080, 720),
    ];
    const html = renderImageHtml(IMAGE, variants, { kind: 'PICTURE', sizes: '100vw' })!;
    expect(html).toMatch(
      /^<picture><source type="image\/avif"[^>]*><source type="image\/webp"[^>]*><img [^>]*><\/picture>$/,
    );
    const webp = attributesOf(html.slice(html.indexOf('<source type="image/webp"')), 'source');
    expect(webp).toEqual({
      type: 'image/webp',
      srcset: `${url('small', 'webp')} 640w, ${url('large', 'webp')} 1080w`.replace(/&amp;/g, '&'),
      sizes: '100vw',
    });
    const img = attributesOf(html, 'img');
    expect(img.src).toContain('large.jpeg');
    expect(img.srcset).not.toMatch(/webp|avif|thumb/);
    expect([img.width, img.height, img.loading]).toEqual(['1080', '720', 'lazy']);
  });

  it('mixes JPEG and PNG widths in the <img>, keeping WebP for its source', () => {
    // Like the avatar preset: a 256 px avatar in WebP and JPEG, a 64 px icon in PNG.
    const square = { filename: 'me.png', width: 1000, height: 1000 };
    const html = renderImageHtml(
      square,
      [
        variant('avatar', 'webp', 256, 256),
        variant('avatar', 'jpeg', 256, 256),
        variant('icon', 'png', 64, 64),
      ],
      { kind: 'PICTURE' },
    )!;
    const img = attributesOf(html, 'img');
    expect(img.srcset).toMatch(/^\S+icon\.png\S* 64w, \S+avatar\.jpeg\S* 256w$/);
    expect(img.src).toContain('avatar.jpeg');
    expect(attributesOf(html, 'source')).toMatchObject({ type: 'image/webp' });
    expect(candidatesOf(attributesOf(html, 'source').srcset!)).toEqual([256]);
  });

  it('falls back to WebP in the <img> when there is no JPEG or PNG, with no duplicate source', () => {
    const html = renderImageHtml(
      IMAGE,
      DEFAULT_VARIANTS.filter((v) => v.format === 'webp'),
      { kind: 'PICTURE' },
    )!;
    expect(html).not.toContain('<source');
    expect(attributesOf(html, 'img').src).toContain('large.webp');
  });
});

describe('AMP_IMG', () => {
  it('is a responsive <amp-img> with width, height, srcset and alt, and no lazy-loading hints', () => {
    const html = renderImageHtml(IMAGE, DEFAULT_VARIANTS, { kind: 'AMP_IMG', alt: 'Sea' })!;
    expect(html).toMatch(/^<amp-img [^>]*><\/amp-img>$/);
    const attrs = attributesOf(html, 'amp-img');
    expect(attrs).toMatchObject({ layout: 'responsive', width: '1080', height: '720', alt: 'Sea' });
    expect(attrs.srcset).toContain('640w');
    expect(attrs).not.toHaveProperty('loading');
  });
});

describe('escaping', () => {
  it('escapes every attribute: a hostile file name, sizes and alt cannot break out', () => {
    const hostile = { ...IMAGE, filename: `"><script>alert('x')</script>.jpg` };
    const html = renderImageHtml(hostile, DEFAULT_VARIANTS, { sizes: '"><b>' })!;
    expect(html).not.toMatch(/<script|<b>/);
    const attrs = attributesOf(html, 'img');
    expect(attrs.alt).toBe(`"><script>alert('x')</script>`);
    expect(attrs.sizes).toBe('"><b>');
    for (const kind of ['PICTURE', 'AMP_IMG'] as const) {
      const other = renderImageHtml(hostile, DEFAULT_VARIANTS, { kind, alt: '<i onload="x">' })!;
      expect(other).not.toMatch(/<script|<i /);
    }
  });

  it('escapes URLs (& in query strings) and keeps whitespace out of srcset candidates', () => {
    const odd = { ...variant('small', 'jpeg', 640, 427), url: 'https://cdn.test/a b.jpg?x=1&y=2' };
    const attrs = attributesOf(renderImageHtml(IMAGE, [odd])!, 'img');
    expect(attrs.srcset).toBe('https://cdn.test/a%20b.jpg?x=1&y=2 640w');
    expect(escapeHtml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
  });
});

describe('alt text', () => {
  it('is the three most confident labels, else the file name without its extension', () => {
    const labels = [
      { name: 'Grass', confidence: 0.7 },
      { name: 'Dog', confidence: 0.98 },
      { name: 'Park', confidence: 0.6 },
      { name: 'Ball', confidence: 0.5 },
    ];
    expect(altText({ ...IMAGE, labels })).toBe('Dog, Grass, Park');
    expect(altText({ ...IMAGE, filename: 'holiday.2024.jpeg' })).toBe('holiday.2024');
    expect(altText({ ...IMAGE, filename: 'noextension' })).toBe('noextension');
  });
});

describe('sameAspect', () => {
  it('accepts rounding of scaled copies and refuses crops of another shape', () => {
    expect(sameAspect(variant('s', 'jpeg', 640, 427), 2400, 1600)).toBe(true);
    expect(sameAspect(variant('t', 'jpeg', 150, 150), 2400, 1600)).toBe(false);
    // A 4000×30 panorama scaled to 640 wide is 640×5 (4.8 rounded): 4% off, still the same picture.
    expect(sameAspect(variant('p', 'jpeg', 640, 5), 4000, 30)).toBe(true);
    expect(sameAspect(variant('p', 'jpeg', 640, 7), 4000, 30)).toBe(false);
  });
});
