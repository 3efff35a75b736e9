/**
 * HEIC files made in the test setup with Debian's libheif-examples (`heif-enc`, x265): nothing is
 * downloaded or checked in. heif-enc 1.15 writes no orientation, so `rotated` adds the `irot`
 * property a phone writes, to the primary item, by rewriting the file's boxes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether heif-enc is installed (.ci/run installs it; a local run without it says so). */
export const heifEncAvailable = spawnSync('heif-enc', ['--version']).error === undefined;

/**
 * Encodes PNG or JPEG files (given as bytes) into one HEIC: the first is the primary image, the
 * others are further top-level images, as in a burst. `thumbnail` adds a thumbnail of that size.
 */
export function heifEnc(
  inputs: Buffer[],
  options: { quality?: number; thumbnail?: number } = {},
): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'heif-enc-'));
  try {
    const files = inputs.map((bytes, i) => {
      const name = join(dir, `in-${i}.${bytes[0] === 0xff ? 'jpg' : 'png'}`);
      writeFileSync(name, bytes);
      return name;
    });
    const out = join(dir, 'out.heic');
    execFileSync(
      'heif-enc',
      [
        '-q',
        String(options.quality ?? 80),
        ...(options.thumbnail ? ['-t', String(options.thumbnail)] : []),
        '-o',
        out,
        ...files,
      ],
      { stdio: 'pipe' },
    );
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Box {
  type: string;
  start: number;
  end: number;
}

function children(file: Buffer, start: number, end: number): Box[] {
  const found: Box[] = [];
  for (let at = start; at + 8 <= end;) {
    const size = file.readUInt32BE(at);
    if (size < 8) throw new Error(`unexpected box size ${size} at ${at}`);
    found.push({ type: file.toString('latin1', at + 4, at + 8), start: at, end: at + size });
    at += size;
  }
  return found;
}

const find = (boxes: Box[], type: string) => {
  const box = boxes.find((b) => b.type === type);
  if (!box) throw new Error(`no ${type} box`);
  return box;
};

const withSize = (type: string, body: Buffer) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length + 8);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
};

const readUint = (file: Buffer, at: number, bytes: number) =>
  bytes === 0 ? 0 : bytes === 4 ? file.readUInt32BE(at) : Number(file.readBigUInt64BE(at));
const writeUint = (file: Buffer, at: number, bytes: number, value: number) => {
  if (bytes === 4) file.writeUInt32BE(value, at);
  else if (bytes === 8) file.writeBigUInt64BE(BigInt(value), at);
};

/** Moves every file offset in an iloc box (a copy) by `delta`: the data after meta moved. */
function shiftIloc(iloc: Buffer, delta: number): Buffer {
  const box = Buffer.from(iloc);
  const version = box[8]!;
  let at = 12;
  const offsetSize = box[at]! >> 4;
  const lengthSize = box[at]! & 15;
  const baseSize = box[at + 1]! >> 4;
  const indexSize = version >= 1 ? box[at + 1]! & 15 : 0;
  at += 2;
  const items = version < 2 ? box.readUInt16BE(at) : box.readUInt32BE(at);
  at += version < 2 ? 2 : 4;
  for (let i = 0; i < items; i++) {
    at += version < 2 ? 2 : 4; // item id
    let method = 0;
    if (version >= 1) {
      method = box.readUInt16BE(at) & 15;
      at += 2;
    }
    at += 2; // data reference index
    const baseAt = at;
    const base = readUint(box, at, baseSize);
    at += baseSize;
    const extents = box.readUInt16BE(at);
    at += 2;
    const fileOffsets = method === 0;
    if (fileOffsets && baseSize > 0 && base > 0) writeUint(box, baseAt, baseSize, base + delta);
    for (let e = 0; e < extents; e++) {
      at += indexSize;
      const offset = readUint(box, at, offsetSize);
      if (fileOffsets && !(baseSize > 0 && base > 0)) {
        writeUint(box, at, offsetSize, offset + delta);
      }
      at += offsetSize + lengthSize;
    }
  }
  return box;
}

/** Adds an association with property `index` (essential) to one item's entry of an ipma box. */
function associate(ipma: Buffer, item: number, index: number): Buffer {
  const version = ipma[8]!;
  const wide = (ipma.readUInt32BE(8) & 1) === 1;
  const parts: Buffer[] = [ipma.subarray(8, 16)];
  let at = 16;
  const entries = ipma.readUInt32BE(12);
  for (let e = 0; e < entries; e++) {
    const idBytes = version < 1 ? 2 : 4;
    const id = idBytes === 2 ? ipma.readUInt16BE(at) : ipma.readUInt32BE(at);
    const count = ipma[at + idBytes]!;
    const end = at + idBytes + 1 + count * (wide ? 2 : 1);
    if (id !== item) {
      parts.push(ipma.subarray(at, end));
    } else {
      const entry = Buffer.from(ipma.subarray(at, end));
      entry[idBytes] = count + 1;
      const added = wide ? Buffer.alloc(2) : Buffer.alloc(1);
      if (wide) added.writeUInt16BE(0x8000 | index);
      else added[0] = 0x80 | index;
      parts.push(entry, added);
    }
    at = end;
  }
  return withSize('ipma', Buffer.concat(parts));
}

/**
 * The same HEIC with an `irot` property on its primary item: `quarterTurns` anticlockwise (as the
 * HEIF spec counts them), which readers apply when they decode.
 */
export function rotated(heic: Buffer, quarterTurns: 1 | 2 | 3): Buffer {
  const top = children(heic, 0, heic.length);
  const meta = find(top, 'meta');
  const metaKids = children(heic, meta.start + 12, meta.end);
  const pitm = find(metaKids, 'pitm');
  const primary =
    heic[pitm.start + 8] === 0
      ? heic.readUInt16BE(pitm.start + 12)
      : heic.readUInt32BE(pitm.start + 12);
  const iprp = find(metaKids, 'iprp');
  const iprpKids = children(heic, iprp.start + 8, iprp.end);
  const ipco = find(iprpKids, 'ipco');
  const properties = children(heic, ipco.start + 8, ipco.end).length;
  const irot = withSize('irot', Buffer.from([quarterTurns]));
  const newIpco = withSize('ipco', Buffer.concat([heic.subarray(ipco.start + 8, ipco.end), irot]));
  const newIpma = associate(
    heic.subarray(find(iprpKids, 'ipma').start, find(iprpKids, 'ipma').end),
    primary,
    properties + 1,
  );
  const newIprp = withSize(
    'iprp',
    Buffer.concat(
      iprpKids.map((b) =>
        b.type === 'ipco' ? newIpco : b.type === 'ipma' ? newIpma : heic.subarray(b.start, b.end),
      ),
    ),
  );
  const delta = newIprp.length - (iprp.end - iprp.start);
  if (top.some((b) => b.type === 'mdat' && b.start < meta.start)) {
    throw new Error('mdat before meta: the offsets would not move');
  }
  const newMeta = withSize(
    'meta',
    Buffer.concat([
      heic.subarray(meta.start + 8, meta.start + 12),
      ...metaKids.map((b) =>
        b.type === 'iprp'
          ? newIprp
          : b.type === 'iloc'
            ? shiftIloc(heic.subarray(b.start, b.end), delta)
            : heic.subarray(b.start, b.end),
      ),
    ]),
  );
  return Buffer.concat([heic.subarray(0, meta.start), newMeta, heic.subarray(meta.end)]);
}

/** The same HEIC claiming another size in every `ispe` (image spatial extents) property. */
export function claimingSize(heic: Buffer, width: number, height: number): Buffer {
  const file = Buffer.from(heic);
  for (
    let at = file.indexOf('ispe', 0, 'latin1');
    at > 0;
    at = file.indexOf('ispe', at + 4, 'latin1')
  ) {
    file.writeUInt32BE(width, at + 8);
    file.writeUInt32BE(height, at + 12);
  }
  return file;
}

export function warnWithoutHeifEnc(test: string): void {
  if (!heifEncAvailable) {
    console.warn(
      `${test} skipped: no heif-enc; install Debian's package: apt-get install libheif-examples`,
    );
  }
}
