import { decodeUtf8 } from './decode-utf8';

/**
 * A minimal, allocation-light XML scanner for the parts of an XLSX workbook. Not a validating
 * parser: it reads tags, attributes and character data (entities, CDATA, comments), strips
 * namespace prefixes from element names, and reports input that ends inside a construct.
 *
 * The XML is scanned as a Latin-1 string, one char per byte, so string indexes are byte offsets:
 * markup is ASCII, and only character data is decoded from UTF-8 (a fraction of the bytes).
 */

const SLASH = 0x2f;
const GT = 0x3e;
const BANG = 0x21;
const QUESTION = 0x3f;
const QUOTE = 0x22;
const APOS = 0x27;
const COLON = 0x3a;
const AMP = 0x26;
const CR = 0x0d;

/** A window of XML bytes seen as Latin-1: `xml[i]` is byte `base + i` of `buffer`. */
export interface XmlSource {
  readonly xml: string;
  readonly base: number;
  readonly buffer: Buffer;
}

/** What `readTag` found at a `<`. */
export type TagKind = 'open' | 'close' | 'cdata' | 'other';

/** A tag as read by `readTag`; one object is reused across calls on hot paths. */
export interface XmlTag {
  kind: TagKind;
  /** Local name (namespace prefix removed); empty for `cdata` and `other`. */
  name: string;
  selfClosing: boolean;
  /** Attribute text (or CDATA content) runs from `inner` to `innerEnd`. */
  inner: number;
  innerEnd: number;
  /** Index just after the tag's `>`. */
  end: number;
}

/** A fresh tag to pass to `readTag`. */
export function createTag(): XmlTag {
  return { kind: 'other', name: '', selfClosing: false, inner: 0, innerEnd: 0, end: 0 };
}

/** The kind `readTag` left in `tag`; a call keeps type narrowing from going stale. */
export function kindOf(tag: XmlTag): TagKind {
  return tag.kind;
}

function skipTo(xml: string, tag: XmlTag, from: number, terminator: string): boolean {
  const at = xml.indexOf(terminator, from);
  if (at < 0) return false;
  tag.inner = from;
  tag.innerEnd = at;
  tag.end = at + terminator.length;
  return true;
}

/**
 * Reads the tag starting at `at` (which holds `<`) into `tag`. Quoted attribute values may hold
 * `>`. Returns false when the text ends before the tag does.
 */
export function readTag(xml: string, at: number, tag: XmlTag): boolean {
  const first = xml.charCodeAt(at + 1);
  tag.selfClosing = false;
  tag.name = '';
  if (first === BANG) {
    if (xml.startsWith('<![CDATA[', at)) {
      tag.kind = 'cdata';
      return skipTo(xml, tag, at + 9, ']]>');
    }
    tag.kind = 'other';
    if (xml.startsWith('<!--', at)) return skipTo(xml, tag, at + 4, '-->');
    return skipTo(xml, tag, at + 2, '>');
  }
  if (first === QUESTION) {
    tag.kind = 'other';
    return skipTo(xml, tag, at + 2, '?>');
  }
  const closing = first === SLASH;
  let k = closing ? at + 2 : at + 1;
  let local = k;
  const n = xml.length;
  while (k < n) {
    const code = xml.charCodeAt(k);
    if (code === GT || code === SLASH || code <= 0x20) break;
    if (code === COLON) local = k + 1;
    k++;
  }
  tag.kind = closing ? 'close' : 'open';
  tag.name = xml.slice(local, k);
  tag.inner = k;
  while (k < n) {
    const code = xml.charCodeAt(k);
    if (code === QUOTE || code === APOS) {
      const close = xml.indexOf(code === QUOTE ? '"' : "'", k + 1);
      if (close < 0) return false;
      k = close + 1;
    } else if (code === GT) {
      tag.selfClosing = xml.charCodeAt(k - 1) === SLASH;
      tag.innerEnd = tag.selfClosing ? k - 1 : k;
      tag.end = k + 1;
      return true;
    } else {
      k++;
    }
  }
  return false;
}

/** The tag's attributes by name (as written, prefix included), values decoded. */
export function attributesOf(source: XmlSource, tag: XmlTag): Record<string, string> {
  const xml = source.xml;
  const attributes: Record<string, string> = {};
  let k = tag.inner;
  const end = tag.innerEnd;
  while (k < end) {
    const eq = xml.indexOf('=', k);
    if (eq < 0 || eq >= end) break;
    let q = eq + 1;
    while (q < end && xml.charCodeAt(q) !== QUOTE && xml.charCodeAt(q) !== APOS) q++;
    const close = q < end ? xml.indexOf(xml.charAt(q), q + 1) : -1;
    if (close < 0 || close >= end) break;
    attributes[xml.slice(k, eq).trim()] = characterData(source, q + 1, close);
    k = close + 1;
  }
  return attributes;
}

/** One attribute's value as written (entities not decoded), without building the whole set. */
export function rawAttribute(xml: string, tag: XmlTag, name: string): string | undefined {
  let k = tag.inner;
  const end = tag.innerEnd;
  while (k < end) {
    while (k < end && xml.charCodeAt(k) <= 0x20) k++;
    const eq = xml.indexOf('=', k);
    if (eq < 0 || eq >= end) return undefined;
    let q = eq + 1;
    while (q < end && xml.charCodeAt(q) !== QUOTE && xml.charCodeAt(q) !== APOS) q++;
    const close = q < end ? xml.indexOf(xml.charAt(q), q + 1) : -1;
    if (close < 0 || close >= end) return undefined;
    let nameEnd = eq;
    while (xml.charCodeAt(nameEnd - 1) <= 0x20) nameEnd--;
    if (nameEnd - k === name.length && xml.startsWith(name, k)) return xml.slice(q + 1, close);
    k = close + 1;
  }
  return undefined;
}

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, function entity(match, ref: string) {
    if (ref.charCodeAt(0) !== 0x23) return NAMED[ref] ?? match;
    const hex = ref.charCodeAt(1) === 0x78;
    const code = hex ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
  });
}

/**
 * Character data between `start` and `end` as an XML parser reports it: UTF-8 decoded, line
 * breaks (CRLF, CR) normalised to LF, the five predefined entities and numeric references
 * decoded. Unknown entities stay as written.
 */
export function characterData(source: XmlSource, start: number, end: number): string {
  const xml = source.xml;
  let ascii = true;
  let plain = true;
  for (let k = start; k < end; k++) {
    const code = xml.charCodeAt(k);
    if (code >= 0x80) ascii = false;
    else if (code === AMP || code === CR) plain = false;
  }
  const text = ascii
    ? xml.slice(start, end)
    : decodeUtf8(source.buffer, source.base + start, source.base + end);
  if (plain) return text;
  const lines = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  return lines.includes('&') ? decodeEntities(lines) : lines;
}

/** OOXML string escapes: `_xHHHH_` is the UTF-16 code unit HHHH (`_x005F_` escapes `_`). */
export function decodeOoxmlEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_match, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

/**
 * Reads the character data of the element whose start tag ends at `from`, up to its end tag,
 * which is left in `tag`. CDATA is kept verbatim; comments and nested elements are skipped.
 * Undefined when the text ends first.
 */
export function readElementText(source: XmlSource, from: number, tag: XmlTag): string | undefined {
  const xml = source.xml;
  let text = '';
  let depth = 0;
  let at = from;
  for (;;) {
    const lt = xml.indexOf('<', at);
    if (lt < 0) return undefined;
    if (depth === 0 && lt > at) text += characterData(source, at, lt);
    if (!readTag(xml, lt, tag)) return undefined;
    at = tag.end;
    const kind = kindOf(tag);
    if (kind === 'close') {
      if (depth === 0) return text;
      depth--;
    } else if (kind === 'open') {
      if (!tag.selfClosing) depth++;
    } else if (kind === 'cdata' && depth === 0) {
      const cdata = source.buffer.toString(
        'utf8',
        source.base + tag.inner,
        source.base + tag.innerEnd,
      );
      text += cdata.replace(/\r\n?/g, '\n');
    }
  }
}

/** `readElementText` with a fast path for plain text directly followed by the end tag. */
export function readSimpleText(source: XmlSource, from: number, tag: XmlTag): string | undefined {
  const xml = source.xml;
  const lt = xml.indexOf('<', from);
  if (lt < 0) return undefined;
  if (xml.charCodeAt(lt + 1) !== SLASH) return readElementText(source, from, tag);
  const gt = xml.indexOf('>', lt);
  if (gt < 0) return undefined;
  tag.kind = 'close';
  tag.selfClosing = false;
  tag.end = gt + 1;
  return characterData(source, from, lt);
}

/**
 * Skips the rest of an element whose start tag ends at `from` (nested elements included);
 * returns the index after its end tag, or -1 when the text ends first.
 */
export function skipElement(xml: string, from: number, tag: XmlTag): number {
  let depth = 0;
  let at = from;
  for (;;) {
    const lt = xml.indexOf('<', at);
    if (lt < 0 || !readTag(xml, lt, tag)) return -1;
    at = tag.end;
    const kind = kindOf(tag);
    if (kind === 'close') {
      if (depth === 0) return at;
      depth--;
    } else if (kind === 'open' && !tag.selfClosing) {
      depth++;
    }
  }
}

/**
 * Text of a string item (`<si>` or `<is>`) whose start tag ends at `from`: the `<t>` of plain
 * text or of each rich-text run `<r>`, without phonetic runs (`<rPh>`). Undefined when the text
 * ends first; `tag` is left at the item's end tag.
 */
export function readStringItem(source: XmlSource, from: number, tag: XmlTag): string | undefined {
  const xml = source.xml;
  let text = '';
  let at = from;
  let depth = 0;
  for (;;) {
    const lt = xml.indexOf('<', at);
    if (lt < 0 || !readTag(xml, lt, tag)) return undefined;
    at = tag.end;
    const kind = kindOf(tag);
    if (kind === 'close') {
      if (depth === 0) return text;
      depth--;
    } else if (kind === 'open' && !tag.selfClosing) {
      if (tag.name === 't') {
        const part = readSimpleText(source, at, tag);
        if (part === undefined) return undefined;
        text += decodeOoxmlEscapes(part);
        at = tag.end;
      } else if (tag.name === 'rPh') {
        at = skipElement(xml, at, tag);
        if (at < 0) return undefined;
      } else {
        depth++;
      }
    }
  }
}

/**
 * Hands UTF-8 XML bytes to `feed` in windows; `feed` returns how much of the window it consumed
 * (the next window starts there) or -1 when the XML is malformed. Windows keep every string far
 * below V8's maximum length for sheets of millions of rows. Returns false when `feed` rejected
 * the XML or left some of it unconsumed.
 */
export function scanXml(
  bytes: Uint8Array,
  feed: (source: XmlSource, final: boolean) => number,
  windowBytes = 16 << 20,
): boolean {
  if (bytes[0] === 0xfe || bytes[0] === 0xff) return false; // UTF-16: not written by XLSX tools.
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let size = windowBytes;
  for (let base = 0; ;) {
    const end = Math.min(buffer.length, base + size);
    const final = end === buffer.length;
    const consumed = feed({ xml: buffer.toString('latin1', base, end), base, buffer }, final);
    if (consumed < 0) return false;
    if (final) return base + consumed === end;
    // A single construct longer than the window: widen it rather than fail.
    size = consumed === 0 ? size * 2 : windowBytes;
    base += consumed;
  }
}

/** The whole of a small part (workbook, relationships, styles) as one source. */
export function wholeXml(bytes: Uint8Array): XmlSource {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { xml: buffer.toString('latin1'), base: 0, buffer };
}
