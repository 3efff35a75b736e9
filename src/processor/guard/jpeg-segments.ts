/**
 * The marker segments of a JPEG, found the way libjpeg finds them: whatever a decoder reads, this
 * walk reads too, so that nothing it measures can be skipped by a byte the decoder ignores.
 */

/** A segment with a length field (APPn, COM, DQT, SOFn, SOS…). */
export interface JpegSegment {
  marker: number;
  /** Where its 0xFF marker byte is. */
  offset: number;
  /** Its payload: from after the two length bytes to where the length says it ends. */
  start: number;
  end: number;
  /** Set when the length cannot be true (the walk ends there): what is wrong with it. */
  problem?: string;
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const TEM = 0x01;
const isRestart = (marker: number) => marker >= 0xd0 && marker <= 0xd7;

/**
 * Every segment up to the end of the image (EOI), including those between and after the scans of
 * a progressive JPEG. As libjpeg's next_marker does, bytes before a marker that are not 0xFF are
 * skipped (libjpeg warns "extraneous bytes" and reads on), as are the 0xFF fill bytes before it.
 */
export function* jpegSegments(bytes: Uint8Array): Generator<JpegSegment> {
  const n = bytes.length;
  let at = 2; // after SOI, which the format sniff has seen
  for (;;) {
    while (at < n && bytes[at] !== 0xff) at++;
    while (at < n && bytes[at] === 0xff) at++;
    if (at >= n) return; // truncated: the decoder says what it makes of that
    const marker = bytes[at]!;
    const offset = at - 1;
    at++;
    if (marker === 0x00) continue; // FF 00 is no marker: libjpeg discards it and looks again
    if (marker === EOI || marker === SOI) return; // the end, or a second SOI libjpeg refuses
    if (marker === TEM || isRestart(marker)) continue; // markers without a length
    if (at + 2 > n) return;
    const length = (bytes[at]! << 8) | bytes[at + 1]!;
    const segment: JpegSegment = { marker, offset, start: at + 2, end: at + length };
    if (length < 2) {
      yield {
        ...segment,
        end: at + 2,
        problem: `declares ${length} bytes, less than its length field`,
      };
      return;
    }
    if (segment.end > n) {
      yield { ...segment, end: n, problem: `declares ${length} bytes but ${n - at} remain` };
      return;
    }
    yield segment;
    at = segment.end;
    if (marker === SOS) at = afterEntropyCodedData(bytes, at);
  }
}

/** Where a scan's entropy-coded data ends: at the first 0xFF that is not FF 00 or a restart. */
function afterEntropyCodedData(bytes: Uint8Array, from: number): number {
  let at = from;
  for (;;) {
    at = bytes.indexOf(0xff, at);
    if (at < 0 || at + 1 >= bytes.length) return bytes.length;
    const next = bytes[at + 1]!;
    if (next === 0x00 || isRestart(next)) at += 2;
    else if (next === 0xff)
      at += 1; // fill bytes before the marker
    else return at;
  }
}

/** The marker's name as people see it in tools: APP1, COM, SOS… */
export function markerName(marker: number): string {
  if (marker >= 0xe0 && marker <= 0xef) return `APP${marker - 0xe0}`;
  if (marker === 0xfe) return 'COM';
  return `marker 0x${marker.toString(16).toUpperCase()}`;
}
