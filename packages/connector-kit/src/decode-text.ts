import type { TextEncoding } from './connector';

/** The encoding a CSV file was read with. */
export type DetectedEncoding = 'cp932' | 'utf-8' | 'utf-8-bom';

/** Decoded text; `lossy` when some bytes could not be decoded (they became U+FFFD). */
export interface DecodedText {
  readonly text: string;
  readonly encoding: DetectedEncoding;
  readonly lossy: boolean;
}

/** The replacement character a non-fatal decoder puts where bytes could not be decoded. */
export const REPLACEMENT = '\uFFFD';

function hasBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

function decodeUtf8(bytes: Uint8Array, encoding: DetectedEncoding): DecodedText {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { text, encoding, lossy: false };
  } catch {
    // Invalid UTF-8 was requested explicitly: decode again to locate the bad bytes.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    return { text, encoding, lossy: true };
  }
}

/** Valid multi-byte characters needed per invalid sequence for a file to count as UTF-8. */
const UTF8_VALID_PER_INVALID = 16;

/**
 * True when text decoded as UTF-8 (invalid sequences as U+FFFD) is clearly UTF-8 with a few bad
 * bytes: at least 16 valid non-ASCII characters for each invalid sequence. CP932 text read as
 * UTF-8 is mostly invalid sequences (its lead bytes 0x81–0x9F never start a UTF-8 character, and
 * its kanji seldom form valid three-byte sequences), so it stays far below that.
 */
function isMostlyUtf8(text: string): boolean {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80 || (code >= 0xdc00 && code < 0xe000)) continue; // ASCII, second half of a pair
    if (code === 0xfffd) {
      invalid++;
      // Stop as soon as the rest could not make up for it (a CP932 file fails within its first
      // lines instead of being scanned to the end).
      if (valid + (text.length - i) < invalid * UTF8_VALID_PER_INVALID) return false;
    } else valid++;
  }
  return valid >= invalid * UTF8_VALID_PER_INVALID;
}

/**
 * Decodes CSV bytes: `auto` takes a BOM as UTF-8, valid UTF-8 as UTF-8, UTF-8 with a few bad byte
 * sequences as (lossy) UTF-8, anything else as CP932. CP932 uses the WHATWG Shift_JIS decoder
 * (Windows-31J, EUDC → private use); U+FFFD never occurs in CP932 text, so its presence marks
 * undecodable bytes.
 *
 * @example decodeText(bytes, 'auto').encoding // 'cp932'
 */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding): DecodedText {
  if (encoding !== 'cp932' && hasBom(bytes)) return decodeUtf8(bytes.subarray(3), 'utf-8-bom');
  if (encoding === 'utf-8') return decodeUtf8(bytes, 'utf-8');
  if (encoding === 'auto') {
    try {
      const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
      return { text, encoding: 'utf-8', lossy: false };
    } catch {
      // Not valid UTF-8: one bad byte in a UTF-8 file must not turn the whole file into CP932
      // mojibake, while municipal exports without BOM are CP932.
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      if (isMostlyUtf8(text)) return { text, encoding: 'utf-8', lossy: true };
    }
  }
  const text = new TextDecoder('shift_jis').decode(bytes);
  return { text, encoding: 'cp932', lossy: text.includes(REPLACEMENT) };
}
