/**
 * The smallest TIFF that carries decoded pixels and their ICC profile to libvips: sharp's raw input
 * takes no profile, and a profile dropped here would turn a Display P3 photo's colours dull. One
 * uncompressed strip, little-endian, 8 bits per sample, RGB or RGBA (unassociated alpha).
 */

const TYPE = { SHORT: 3, LONG: 4, UNDEFINED: 7 } as const;
const ENTRY_BYTES = 12;
const HEADER_BYTES = 8;

export interface TiffLayout {
  /** Where the pixels start: rows of width × channels bytes, top to bottom. */
  pixelOffset: number;
  /** The whole file's size. */
  size: number;
  /** Writes the header, directory and profile in front of the pixels. */
  writeHeader(file: Uint8Array): void;
}

export function tiffLayout(
  width: number,
  height: number,
  channels: 3 | 4,
  icc: Uint8Array | undefined,
): TiffLayout {
  const pixelBytes = width * height * channels;
  // Baseline TIFF addresses everything with 32-bit offsets.
  if (pixelBytes > 0xffff_ff00) throw new RangeError('the image is too large for a TIFF');
  type Entry = [
    tag: number,
    type: number,
    count: number,
    value: number | 'bits' | 'icc' | 'pixels',
  ];
  const entries: Entry[] = [
    [256, TYPE.LONG, 1, width],
    [257, TYPE.LONG, 1, height],
    [258, TYPE.SHORT, channels, 'bits'],
    [259, TYPE.SHORT, 1, 1], // no compression
    [262, TYPE.SHORT, 1, 2], // RGB
    [273, TYPE.LONG, 1, 'pixels'],
    [277, TYPE.SHORT, 1, channels],
    [278, TYPE.LONG, 1, height], // one strip
    [279, TYPE.LONG, 1, pixelBytes],
    [284, TYPE.SHORT, 1, 1], // chunky: RGBRGB…
    ...(channels === 4 ? [[338, TYPE.SHORT, 1, 2] as Entry] : []), // unassociated alpha
    ...(icc?.length ? [[34675, TYPE.UNDEFINED, icc.length, 'icc'] as Entry] : []),
  ];
  const directoryBytes = 2 + entries.length * ENTRY_BYTES + 4;
  const bitsOffset = HEADER_BYTES + directoryBytes;
  const iccOffset = bitsOffset + channels * 2;
  // Word-aligned, as TIFF asks of offsets.
  const pixelOffset = (iccOffset + (icc?.length ?? 0) + 1) & ~1;

  return {
    pixelOffset,
    size: pixelOffset + pixelBytes,
    writeHeader(file) {
      const offset = { bits: bitsOffset, icc: iccOffset, pixels: pixelOffset };
      const view = new DataView(file.buffer, file.byteOffset, pixelOffset);
      view.setUint16(0, 0x4949); // "II": little-endian
      view.setUint16(2, 42, true);
      view.setUint32(4, HEADER_BYTES, true);
      view.setUint16(HEADER_BYTES, entries.length, true);
      entries.forEach(([tag, type, count, value], i) => {
        const at = HEADER_BYTES + 2 + i * ENTRY_BYTES;
        view.setUint16(at, tag, true);
        view.setUint16(at + 2, type, true);
        view.setUint32(at + 4, count, true);
        if (typeof value === 'string') view.setUint32(at + 8, offset[value], true);
        else if (type === TYPE.SHORT) view.setUint16(at + 8, value, true);
        else view.setUint32(at + 8, value, true);
      });
      view.setUint32(HEADER_BYTES + 2 + entries.length * ENTRY_BYTES, 0, true); // no next directory
      for (let c = 0; c < channels; c++) view.setUint16(bitsOffset + c * 2, 8, true);
      if (icc?.length) file.set(icc, iccOffset);
    },
  };
}
