import iconv from 'iconv-lite';
import { ConnectorKitError } from './connector-kit-error';

const PUA_START = 0xe000;
const PUA_END = 0xe757;

/** CP932 bytes of a private-use (外字, EUDC) character: U+E000.. → 0xF040.. as Windows maps it. */
function eudcBytes(code: number): [number, number] {
  const pointer = code - PUA_START + 8836;
  const lead = Math.floor(pointer / 188);
  const trail = pointer % 188;
  return [lead < 0x1f ? lead + 0x81 : lead + 0xc1, trail < 0x3f ? trail + 0x40 : trail + 0x41];
}

function hasEudc(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= PUA_START && c <= PUA_END) return true;
  }
  return false;
}

function encodeWithEudc(text: string): Uint8Array {
  const parts: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < PUA_START || c > PUA_END) continue;
    if (i > start) parts.push(iconv.encode(text.slice(start, i), 'cp932'));
    parts.push(Uint8Array.from(eudcBytes(c)));
    start = i + 1;
  }
  if (start < text.length) parts.push(iconv.encode(text.slice(start), 'cp932'));
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Encodes to CP932 without checking; private-use 外字 go to the EUDC area (0xF040–0xF9FC). */
export function encodeCp932Unchecked(text: string): Uint8Array {
  if (hasEudc(text)) return encodeWithEudc(text);
  const buffer = iconv.encode(text, 'cp932');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** True when `text` survives CP932 encoding and decoding unchanged. */
export function isCp932Encodable(text: string): boolean {
  return new TextDecoder('shift_jis').decode(encodeCp932Unchecked(text)) === text;
}

/**
 * Encodes text to CP932, as Windows and Excel write it. Throws `not_encodable` when a character
 * has no CP932 form (checked by decoding the result again).
 *
 * @example encodeCp932('髙橋') // Uint8Array [0xfb, 0xfc, 0x8b, 0xb4]
 */
export function encodeCp932(text: string): Uint8Array {
  const bytes = encodeCp932Unchecked(text);
  if (new TextDecoder('shift_jis').decode(bytes) !== text) {
    throw new ConnectorKitError('not_encodable', 'text contains a character with no CP932 form');
  }
  return bytes;
}
