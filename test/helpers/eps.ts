/** Encapsulated PostScript files, as design tools export them, for the refusal tests. */

/** A plain EPS: a red square, as Illustrator or Inkscape would save it (minus the comments). */
export const plainEps = (): Buffer =>
  Buffer.from(
    [
      '%!PS-Adobe-3.0 EPSF-3.0',
      '%%BoundingBox: 0 0 100 100',
      '%%EndComments',
      '1 0 0 setrgbcolor',
      'newpath 10 10 moveto 90 10 lineto 90 90 lineto 10 90 lineto closepath fill',
      'showpage',
      '%%EOF',
      '',
    ].join('\n'),
    'latin1',
  );

/**
 * A DOS EPS: the binary header (C5D0D3C6, then offsets and lengths of the PostScript and of a
 * preview), then the PostScript. Windows tools save these with a TIFF preview; none here.
 */
export function dosEps(): Buffer {
  const postscript = plainEps();
  const header = Buffer.alloc(30);
  header.writeUInt32BE(0xc5d0d3c6, 0);
  header.writeUInt32LE(30, 4); // where the PostScript starts
  header.writeUInt32LE(postscript.length, 8);
  header.writeUInt16LE(0xffff, 28); // no checksum
  return Buffer.concat([header, postscript]);
}
