/**
 * Replaces full-width digits (０-９) with ASCII digits; nothing else changes.
 *
 * @example normalizeDigits('令和７年４月１日') // '令和7年4月1日'
 */
export function normalizeDigits(text: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff10 && c <= 0xff19) {
      out += text.slice(start, i) + String.fromCharCode(c - 0xff10 + 0x30);
      start = i + 1;
    }
  }
  return start === 0 ? text : out + text.slice(start);
}
