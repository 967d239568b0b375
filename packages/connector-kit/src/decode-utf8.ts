/** Longest span decoded here; longer ones go to the native decoder in one call. */
const MAX_SHORT_SPAN = 256;
/** Scratch UTF-16 code units (at most one per byte). */
const units = new Uint16Array(MAX_SHORT_SPAN);
/**
 * Plain arrays of each length, reused: `String.fromCharCode.apply` is fastest on a plain array,
 * and resizing one array per span would reallocate its storage each time.
 */
const byLength: number[][] = [];

/**
 * UTF-8 bytes as a string. Short, valid spans (cell texts) are decoded here, which is about twice
 * as fast as a call into the native decoder; anything else, including any invalid or overlong
 * sequence, goes to the native decoder (which places U+FFFD as TextDecoder does).
 *
 * @example decodeUtf8(Buffer.from('髙橋'), 0, 6) // '髙橋'
 */
export function decodeUtf8(buffer: Buffer, start: number, end: number): string {
  if (end - start > MAX_SHORT_SPAN) return buffer.toString('utf8', start, end);
  let n = 0;
  for (let k = start; k < end;) {
    const b0 = buffer[k] ?? 0;
    if (b0 < 0x80) {
      units[n++] = b0;
      k++;
      continue;
    }
    const b1 = k + 1 < end ? (buffer[k + 1] ?? 0) ^ 0x80 : 0xff;
    if (b0 >= 0xc2 && b0 < 0xe0 && b1 < 0x40) {
      units[n++] = ((b0 & 0x1f) << 6) | b1;
      k += 2;
      continue;
    }
    const b2 = k + 2 < end ? (buffer[k + 2] ?? 0) ^ 0x80 : 0xff;
    if (b0 >= 0xe0 && b0 < 0xf0 && b1 < 0x40 && b2 < 0x40) {
      const code = ((b0 & 0x0f) << 12) | (b1 << 6) | b2;
      if (code < 0x800 || (code >= 0xd800 && code < 0xe000))
        return buffer.toString('utf8', start, end);
      units[n++] = code;
      k += 3;
      continue;
    }
    const b3 = k + 3 < end ? (buffer[k + 3] ?? 0) ^ 0x80 : 0xff;
    if (b0 >= 0xf0 && b0 < 0xf5 && b1 < 0x40 && b2 < 0x40 && b3 < 0x40) {
      const code = ((b0 & 0x07) << 18) | (b1 << 12) | (b2 << 6) | b3;
      if (code < 0x10000 || code > 0x10ffff) return buffer.toString('utf8', start, end);
      units[n++] = 0xd800 + ((code - 0x10000) >> 10);
      units[n++] = 0xdc00 + ((code - 0x10000) & 0x3ff);
      k += 4;
      continue;
    }
    return buffer.toString('utf8', start, end);
  }
  const codes = (byLength[n] ??= new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) codes[i] = units[i] ?? 0;
  return String.fromCharCode.apply(null, codes);
}
