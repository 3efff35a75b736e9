/**
 * The inputs of issue 14's findings, built here from images sharp makes: nothing is downloaded or
 * checked in.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { makeImage } from './images.js';

export function jpegSegment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** Where the first segment after SOI ends. */
function afterFirstSegment(jpeg: Buffer): number {
  return 4 + jpeg.readUInt16BE(4);
}

/** Inserts bytes right after the first segment after SOI. */
export function insertAfterFirstSegment(jpeg: Buffer, ...parts: Buffer[]): Buffer {
  const at = afterFirstSegment(jpeg);
  return Buffer.concat([jpeg.subarray(0, at), ...parts, jpeg.subarray(at)]);
}

/** `count` EXIF-style APP1 segments of ~64 KB each. */
export function exifSegments(count: number): Buffer[] {
  const exif = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.alloc(65_000, 0x41)]);
  return Array.from({ length: count }, () => jpegSegment(0xe1, exif));
}

/**
 * Finding 4: one byte libjpeg skips ("1 extraneous bytes before marker"), then ~3 MB of EXIF a
 * walk that stops at the first non-marker byte never sees.
 */
export async function jpegWithJunkBeforeMetadata(junk = Buffer.from([0x00])): Promise<Buffer> {
  return insertAfterFirstSegment(await makeImage(64, 64, 'jpeg'), junk, ...exifSegments(48));
}

/** An XMP packet as Photoshop writes one (history, ancestors, derived-from), `<rdf:…>` and all. */
export function photoshopXmp(ancestors = 20, extendedGuid?: string): string {
  // Photoshop writes a UUID or a 32-digit hex id per ancestor document.
  const did = (i: number) => `xmp.did:${(0x9e3779b1 * (i + 1)).toString(16).padStart(32, '0')}`;
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core 5.6-c140 79.160451, 2017/05/06-01:08:21">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about=""',
    '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    '    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"',
    '    xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#"',
    '    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"',
    '    xmlns:xmpNote="http://ns.adobe.com/xmp/note/"',
    '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '   xmp:CreatorTool="Adobe Photoshop CC 2018 (Windows)" xmp:CreateDate="2018-03-01T10:12:54+01:00"',
    '   photoshop:ColorMode="3" photoshop:ICCProfile="sRGB IEC61966-2.1"',
    extendedGuid ? `   xmpNote:HasExtendedXMP="${extendedGuid}"` : '',
    '   xmpMM:InstanceID="xmp.iid:5c8b1c1e-7d7e-2b4f-9a39-3c6f2f0e8a11">',
    '   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Dunes at dusk &lt;edited&gt; online = yes</rdf:li></rdf:Alt></dc:title>',
    '   <xmpMM:History><rdf:Seq>',
    '    <rdf:li stEvt:action="created" stEvt:softwareAgent="Adobe Photoshop CC 2018 (Windows)"/>',
    '    <rdf:li stEvt:action="saved" stEvt:changed="/" stEvt:when="2018-03-01T10:20:00+01:00"/>',
    '   </rdf:Seq></xmpMM:History>',
    '   <photoshop:DocumentAncestors><rdf:Bag>',
    ...Array.from({ length: ancestors }, (_, i) => `    <rdf:li>${did(i)}</rdf:li>`),
    '   </rdf:Bag></photoshop:DocumentAncestors>',
    '  </rdf:Description>',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

const XMP = 'http://ns.adobe.com/xap/1.0/\0';
const EXTENDED_XMP = 'http://ns.adobe.com/xmp/extension/\0';
/** Photoshop's chunk size: each APP1 segment stays under 64 KB. */
const EXTENDED_CHUNK = 65_400;

/**
 * Finding 10: a real small JPEG with a standard XMP packet and `bytes` of Extended XMP after it,
 * split into APP1 segments as Photoshop does (GUID, full length and offset in each chunk).
 * `tamper` may change one chunk's header to make the lengths lie.
 */
export async function jpegWithExtendedXmp(
  bytes = 7 * 1024 * 1024,
  tamper?: (chunk: { full: number; offset: number; index: number }) => {
    full?: number;
    offset?: number;
  },
): Promise<Buffer> {
  // Each ancestor is a line of 62 characters: as many as make `bytes`.
  const extended = Buffer.from(photoshopXmp(Math.ceil(bytes / 62)), 'utf8');
  const guid = createHash('md5').update(extended).digest('hex').toUpperCase();
  const segments = [jpegSegment(0xe1, Buffer.from(XMP + photoshopXmp(20, guid), 'utf8'))];
  for (let offset = 0, index = 0; offset < extended.length; offset += EXTENDED_CHUNK, index++) {
    const data = extended.subarray(offset, offset + EXTENDED_CHUNK);
    const lied = tamper?.({ full: extended.length, offset, index }) ?? {};
    const header = Buffer.alloc(8);
    header.writeUInt32BE(lied.full ?? extended.length, 0);
    header.writeUInt32BE(lied.offset ?? offset, 4);
    segments.push(
      jpegSegment(0xe1, Buffer.concat([Buffer.from(EXTENDED_XMP + guid, 'latin1'), header, data])),
    );
  }
  return insertAfterFirstSegment(await makeImage(640, 400, 'jpeg'), ...segments);
}

/** A JPEG with a comment segment (COM) holding `text`. */
export async function jpegWithComment(text: string | Buffer): Promise<Buffer> {
  const payload = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
  return insertAfterFirstSegment(await makeImage(64, 64, 'jpeg'), jpegSegment(0xfe, payload));
}

/**
 * An AVIF sharp makes, with its ftyp box's major brand replaced (`avif` stays among the
 * compatible brands sharp writes: `mif1 avif miaf`).
 */
export async function avifWithMajorBrand(brand: string): Promise<Buffer> {
  const avif = Buffer.from(await makeImage(96, 64, 'avif'));
  avif.write(brand, 8, 'latin1');
  return avif;
}

/** A HEIF file that is not AVIF: every `avif` brand replaced by `heic`. */
export async function heicBrandedFile(): Promise<Buffer> {
  const file = Buffer.from(await makeImage(96, 64, 'avif'));
  const end = file.readUInt32BE(0);
  for (let at = 8; at + 4 <= end; at += 4) {
    if (file.toString('latin1', at, at + 4) === 'avif') file.write('heic', at, 'latin1');
  }
  return file;
}

/**
 * Finding 11: a JPEG whose entropy-coded data is damaged halfway (fill bytes and a restart
 * marker where none belongs): libjpeg warns "Corrupt JPEG data: premature end of data segment"
 * and decodes on, the rest of the picture grey.
 */
export async function jpegWithCorruptScan(): Promise<Buffer> {
  const jpeg = Buffer.from(await makeImage(400, 300, 'jpeg'));
  const sos = jpeg.indexOf(Buffer.from([0xff, 0xda]));
  const data = sos + 2 + jpeg.readUInt16BE(sos + 2);
  const middle = data + Math.floor((jpeg.length - data) / 2);
  jpeg.fill(0xff, middle, middle + 40);
  jpeg[middle + 40] = 0xd3;
  return jpeg;
}

/** Real photographs on this machine (the benchmark and analysis sets), when they were fetched. */
export function realPhotos(): { name: string; bytes: Buffer }[] {
  const dirs = [
    process.env.BENCH_PHOTOS_DIR ?? join(process.cwd(), '.cache', 'bench-photos'),
    process.env.SAMPLE_PHOTOS_DIR ?? join(process.cwd(), '.cache', 'sample-photos'),
  ];
  return dirs
    .filter((dir) => existsSync(dir))
    .flatMap((dir) =>
      readdirSync(dir)
        .filter((name) => /\.(jpe?g|png|webp|tiff?)$/i.test(name))
        .map((name) => ({ name, bytes: readFileSync(join(dir, name)) })),
    );
}

/** A photo-like JPEG with EXIF, an XMP packet and an ICC profile, as cameras and editors write. */
export async function jpegWithExifXmpIcc(): Promise<Buffer> {
  return sharp(await makeImage(800, 600, 'jpeg'))
    .withIccProfile('p3')
    .withExif({
      IFD0: { Make: 'Canon', Model: 'EOS 5D Mark IV', Software: 'Adobe Photoshop CC 2018' },
      IFD2: { UserComment: 'Sunset <3 on the dunes; ISO 100' },
    })
    .withXmp(photoshopXmp(200))
    .jpeg({ quality: 85 })
    .toBuffer();
}
