/**
 * Finds HTML start tags in bytes that are mostly not text (an image), reading each tag as a
 * browser's HTML tokenizer would: attributes quoted or not, `/` between them, `>` inside quoted
 * values. A tag's name and its attribute names must be printable ASCII (binary there ends the
 * candidate): that keeps random image data from looking like markup, at the price of missing a
 * tag that hides binary bytes before its dangerous part.
 */

/** What makes a tag dangerous; each returns the reason, or undefined for a harmless one. */
export interface TagPolicy {
  /** Longest element name the policy knows: longer names are not looked up. */
  longestName: number;
  /** Refused as soon as it is seen, whatever follows: `<script`, `<iframe`… */
  openedElement(name: string): string | undefined;
  /** Refused only as a complete tag (`>` reached): `<html>`, `<svg width=…>`… */
  completeElement(name: string, hasAttributes: boolean): string | undefined;
  /**
   * Refused as soon as it is seen: an event handler, a `javascript:` URL… Asked only about
   * attributes with a value whose name starts with `on` or whose value holds `:` or `&` (which
   * an event handler or a URL with a scheme must).
   */
  attribute(name: string, value: string): string | undefined;
}

export interface TagFinding {
  reason: string;
  /** Where the tag's `<` is. */
  at: number;
}

const NEVER_CLOSES = 1;
const CLOSES = 2;
type Outcome = typeof NEVER_CLOSES | typeof CLOSES;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;
const DQ = 0x22;
const SQ = 0x27;
const COLON = 0x3a;
const AMP = 0x26;

const isSpace = (c: number | undefined) =>
  c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
/** Printable ASCII other than space: what a name in markup someone wrote is made of. */
const isText = (c: number | undefined) => c !== undefined && c > 0x20 && c < 0x7f;
const isLetter = (c: number | undefined) =>
  c !== undefined && ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a));
const isNameChar = (c: number | undefined) => isText(c) && c !== SLASH && c !== GT;
const latin1 = (bytes: Uint8Array, start: number, end: number) =>
  Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');

/** The first dangerous start tag in `bytes`, by `policy`. */
export function findDangerousTag(bytes: Uint8Array, policy: TagPolicy): TagFinding | undefined {
  const n = bytes.length;
  // Attribute lists are read from every `<`, not only from the end of the previous tag (a quote
  // in a comment must not hide what follows it); what is known about the rest of a tag from a
  // point where an attribute may start is kept, so overlapping candidates cost linear time.
  let memo: Uint8Array | undefined;
  for (let lt = bytes.indexOf(LT); lt >= 0 && lt + 1 < n; lt = bytes.indexOf(LT, lt + 1)) {
    if (!isLetter(bytes[lt + 1])) continue;
    let i = lt + 2;
    while (isNameChar(bytes[i])) i++;
    const next = bytes[i];
    if (!isSpace(next) && next !== SLASH && next !== GT) continue; // binary or the end: no tag
    const name = i - lt - 1 <= policy.longestName ? lowerName(bytes, lt + 1, i) : '';
    const opened = name && policy.openedElement(name);
    if (opened) return { reason: opened, at: lt };
    memo ??= new Uint8Array(n + 1);
    const rest = readAttributes(bytes, i, policy, memo);
    if (typeof rest === 'string') return { reason: rest, at: lt };
    const complete = rest === CLOSES && name && policy.completeElement(name, next !== GT);
    if (complete) return { reason: complete, at: lt };
  }
  return undefined;
}

/** A short name, lower-cased, without the cost of a Buffer per candidate. */
function lowerName(bytes: Uint8Array, start: number, end: number): string {
  let name = '';
  for (let at = start; at < end; at++) name += String.fromCharCode(bytes[at]! | 0x20);
  return name;
}

/** Whether bytes[start, end) holds a `:` or an `&`. */
function hasSchemeOrReference(bytes: Uint8Array, start: number, end: number): boolean {
  for (let at = start; at < end; at++) if (bytes[at] === COLON || bytes[at] === AMP) return true;
  return false;
}

const skipSpace = (bytes: Uint8Array, at: number) => {
  while (isSpace(bytes[at])) at++;
  return at;
};

/**
 * Reads attributes from `from` (where one may start) to the tag's `>`: a reason from the policy,
 * else whether the tag closes. Every point where an attribute may start is remembered in `memo`.
 */
function readAttributes(
  bytes: Uint8Array,
  from: number,
  policy: TagPolicy,
  memo: Uint8Array,
): string | Outcome {
  const n = bytes.length;
  const path: number[] = [];
  let at = from;
  let outcome: Outcome = NEVER_CLOSES;
  for (;;) {
    while (isSpace(bytes[at]) || bytes[at] === SLASH) at++;
    if (at >= n) break;
    if (memo[at]) {
      outcome = memo[at] as Outcome;
      break;
    }
    path.push(at);
    if (bytes[at] === GT) {
      outcome = CLOSES;
      break;
    }
    if (!isText(bytes[at])) break;
    // The name runs to a space, `/`, `>` or `=` (a leading `=` is part of it, as in HTML).
    const nameStart = at++;
    while (isNameChar(bytes[at]) && bytes[at] !== EQ) at++;
    if (at < n && !isText(bytes[at]) && !isSpace(bytes[at])) break;
    const nameEnd = at;
    const afterName = skipSpace(bytes, at);
    if (bytes[afterName] !== EQ) {
      at = afterName;
      continue;
    }
    let v = skipSpace(bytes, afterName + 1);
    let valueEnd: number;
    const quote = bytes[v];
    if (quote === DQ || quote === SQ) {
      valueEnd = bytes.indexOf(quote, v + 1);
      if (valueEnd < 0) break; // unterminated: the browser drops the tag at the end of the file
      v++;
      at = valueEnd + 1;
    } else {
      // Unquoted, to a space or `>`; its text is judged even if binary follows (`alert(1)//…`).
      at = v;
      while (isText(bytes[at]) && bytes[at] !== GT) at++;
      valueEnd = at;
    }
    const startsWithOn =
      nameEnd - nameStart > 2 &&
      (bytes[nameStart]! | 0x20) === 0x6f && // o
      (bytes[nameStart + 1]! | 0x20) === 0x6e; // n
    if (startsWithOn || hasSchemeOrReference(bytes, v, valueEnd)) {
      const reason = policy.attribute(
        latin1(bytes, nameStart, nameEnd).toLowerCase(),
        latin1(bytes, v, valueEnd),
      );
      if (reason) return reason;
    }
    if (at < n && !isText(bytes[at]) && !isSpace(bytes[at])) break;
  }
  for (const point of path) memo[point] = outcome;
  return outcome;
}
