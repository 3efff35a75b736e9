/**
 * Formats people upload that Darkroom refuses by name, with what to convert them to, so that the
 * refusal helps rather than saying "not an image". Recognised by declared type (createUpload) and
 * by their first bytes (the processor), like the accepted ones.
 */

export interface UnacceptedFormat {
  /** How people know it. */
  name: string;
  /** Content types it is declared as (lower case). */
  contentTypes: readonly string[];
  /** Why it is refused and what to do instead; `svg` says whether SVG uploads are enabled. */
  advice: (svg: boolean) => string;
  /** Whether the first bytes are this format. */
  sniff: (bytes: Uint8Array) => boolean;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);

/** `%!PS`: every PostScript program, EPS included (`%!PS-Adobe-3.0 EPSF-3.0`). */
const POSTSCRIPT = [0x25, 0x21, 0x50, 0x53];
/** The DOS EPS binary header (a TIFF or WMF preview beside the PostScript): C5 D0 D3 C6. */
const DOS_EPS = [0xc5, 0xd0, 0xd3, 0xc6];

export const EPS: UnacceptedFormat = {
  name: 'EPS (PostScript)',
  contentTypes: [
    'application/postscript',
    'application/eps',
    'application/x-eps',
    'image/eps',
    'image/x-eps',
  ],
  // Rendering PostScript means running a program (Ghostscript), which no image service should do
  // on uploads: it has had remote code execution bugs (ImageTragick, CVE-2023-36664, …).
  advice: (svg) =>
    `Darkroom does not run PostScript. Convert it first: to PNG for logos and line art (keeps transparency), to JPEG for photographs${svg ? ', or to SVG to keep it a vector' : ''}; for example \`gs -dSAFER -dEPSCrop -r300 -sDEVICE=png16m -o picture.png picture.eps\``,
  sniff: (bytes) => startsWith(bytes, POSTSCRIPT) || startsWith(bytes, DOS_EPS),
};

const UNACCEPTED: readonly UnacceptedFormat[] = [EPS];

/** The refused format a declared content type names, if any. */
export const unacceptedByContentType = (contentType: string) =>
  UNACCEPTED.find((format) => format.contentTypes.includes(contentType));

/** The refused format the bytes are, if any. */
export const unacceptedByBytes = (bytes: Uint8Array) =>
  UNACCEPTED.find((format) => format.sniff(bytes));
