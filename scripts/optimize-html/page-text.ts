/** Reading a page as text such that writing it back gives the same bytes. */

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The page's text, or undefined when it is not valid UTF-8 (a legacy encoding would not survive
 * the round trip byte for byte, so such pages are left alone). A BOM is kept as a character.
 */
export function decodePage(bytes: Uint8Array): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

export const encodePage = (text: string): Buffer => Buffer.from(text, 'utf8');
