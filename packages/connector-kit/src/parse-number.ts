/** Result of reading a number cell; `expected` says what was wanted. */
export type NumberParseResult =
  { readonly ok: true; readonly value: number } | { readonly ok: false; readonly expected: string };

/**
 * Parses an integer or decimal as staff type it: full-width digits, thousands commas,
 * full-width or minus-sign `-`, surrounding spaces. No exponents, no units.
 *
 * @example parseNumber('１，２３４', 'int') // { ok: true, value: 1234 }
 */
export function parseNumber(text: string, kind: 'int' | 'decimal'): NumberParseResult {
  const expected = kind === 'int' ? 'expected a whole number' : 'expected a number';
  let ascii = '';
  let digits = 0;
  let dot = false;
  const trimmed = text.trim();
  for (let i = 0; i < trimmed.length; i++) {
    let c = trimmed.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0; // full-width ASCII forms
    if (c >= 0x30 && c <= 0x39) {
      ascii += String.fromCharCode(c);
      digits++;
    } else if (c === 0x2c) {
      if (digits === 0 || dot) return { ok: false, expected };
    } else if ((c === 0x2d || c === 0x2212) && i === 0) {
      ascii += '-';
    } else if (c === 0x2e && kind === 'decimal' && !dot && digits > 0) {
      ascii += '.';
      dot = true;
    } else {
      return { ok: false, expected };
    }
  }
  if (digits === 0 || ascii.endsWith('.')) return { ok: false, expected };
  const value = Number(ascii);
  if (!Number.isFinite(value) || (kind === 'int' && !Number.isSafeInteger(value))) {
    return { ok: false, expected };
  }
  return { ok: true, value };
}
