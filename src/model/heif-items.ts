/**
 * The codec of a HEIF's primary image, from its `meta` box: brands name profiles, not codecs
 * (`mif1` alone says neither, and a file may carry `avif` beside HEVC), and libvips names the
 * codec from the major brand only. An iPhone's primary item is a `grid` of HEVC tiles, so derived
 * items (grid, overlay, identity) are followed to the items they are made from.
 */

interface Box {
  type: string;
  /** Where the body starts (after the size and type), and where the box ends. */
  body: number;
  end: number;
}

/** The boxes in bytes[start, end); stops at the first that does not fit (a truncated file). */
function boxes(bytes: Uint8Array, view: DataView, start: number, end: number): Box[] {
  const found: Box[] = [];
  for (let at = start; at + 8 <= end;) {
    let size = view.getUint32(at);
    let body = at + 8;
    if (size === 1) {
      if (at + 16 > end) break;
      size = Number(view.getBigUint64(at + 8));
      body = at + 16;
    } else if (size === 0) {
      size = end - at;
    }
    if (size < body - at || at + size > end) break;
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    found.push({ type, body, end: at + size });
    at += size;
  }
  return found;
}

/** Item types that are made from other items (ISO/IEC 23008-12 §6.6). */
const DERIVED = new Set(['grid', 'iovl', 'iden']);

/**
 * The item types the primary image is coded in (`hvc1` for HEVC, `av01` for AV1, `jpeg`, `avc1`…),
 * or undefined when the bytes hold no readable `meta` box with a primary item.
 */
export function heifPrimaryCodecs(bytes: Uint8Array): string[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const meta = boxes(bytes, view, 0, bytes.length).find((b) => b.type === 'meta');
  if (!meta) return undefined;
  const inMeta = boxes(bytes, view, meta.body + 4, meta.end); // meta is a full box
  const box = (type: string) => inMeta.find((b) => b.type === type);
  const pitm = box('pitm');
  const iinf = box('iinf');
  if (!pitm || !iinf || pitm.end - pitm.body < 6) return undefined;
  const primary =
    bytes[pitm.body] === 0 ? view.getUint16(pitm.body + 4) : view.getUint32(pitm.body + 4);

  const types = new Map<number, string>();
  const entries = bytes[iinf.body] === 0 ? 2 : 4;
  for (const infe of boxes(bytes, view, iinf.body + 4 + entries, iinf.end)) {
    const version = bytes[infe.body]!;
    // Versions 0 and 1 carry no item type; 2 has 16-bit item ids, 3 has 32-bit ones.
    if (infe.type !== 'infe' || version < 2) continue;
    const idBytes = version === 2 ? 2 : 4;
    const at = infe.body + 4;
    if (at + idBytes + 6 > infe.end) continue;
    const id = idBytes === 2 ? view.getUint16(at) : view.getUint32(at);
    types.set(id, String.fromCharCode(...bytes.subarray(at + idBytes + 2, at + idBytes + 6)));
  }

  const madeFrom = new Map<number, number[]>();
  const iref = box('iref');
  if (iref) {
    const idBytes = bytes[iref.body] === 0 ? 2 : 4;
    const read = (at: number) => (idBytes === 2 ? view.getUint16(at) : view.getUint32(at));
    for (const ref of boxes(bytes, view, iref.body + 4, iref.end)) {
      if (ref.type !== 'dimg' || ref.body + idBytes + 2 > ref.end) continue;
      const count = view.getUint16(ref.body + idBytes);
      const to: number[] = [];
      for (let i = 0, at = ref.body + idBytes + 2; i < count && at + idBytes <= ref.end; i++) {
        to.push(read(at));
        at += idBytes;
      }
      madeFrom.set(read(ref.body), to);
    }
  }

  // Follow derivations breadth-first; `seen` stops a file whose references go round in a circle.
  const codecs = new Set<string>();
  const seen = new Set<number>();
  for (let queue = [primary]; queue.length > 0;) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const type = types.get(id);
    if (type === undefined) continue;
    if (DERIVED.has(type)) queue = queue.concat(madeFrom.get(id) ?? []);
    else codecs.add(type);
  }
  return codecs.size > 0 ? [...codecs] : undefined;
}
