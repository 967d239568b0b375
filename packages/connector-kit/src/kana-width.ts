/** Full-width forms of U+FF61..U+FF9F, in code point order. */
const FULL =
  '。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜';
const HALF_START = 0xff61;
const HALF_END = 0xff9f;
const DAKUTEN = 0xff9e;
const HANDAKUTEN = 0xff9f;

/** Katakana whose voiced (dakuten) form is the next code point. */
const VOICEABLE = 'カキクケコサシスセソタチツテトハヒフヘホ';
/** Katakana whose semi-voiced (handakuten) form is two code points on. */
const SEMI_VOICEABLE = 'ハヒフヘホ';

/** Voiced (dakuten) form of a full-width katakana, or 0 when it has none. */
function voiced(code: number): number {
  if (VOICEABLE.includes(String.fromCharCode(code))) return code + 1;
  if (code === 0x30a6) return 0x30f4; // ウ → ヴ
  if (code === 0x30ef) return 0x30f7; // ワ → ヷ
  if (code === 0x30f2) return 0x30fa; // ヲ → ヺ
  return 0;
}

/** Semi-voiced (handakuten) form of ハ..ホ, or 0. */
function semiVoiced(code: number): number {
  return SEMI_VOICEABLE.includes(String.fromCharCode(code)) ? code + 2 : 0;
}

/**
 * Converts half-width katakana (ｶﾀｶﾅ) to full-width, combining ﾞ/ﾟ with the base (ｶﾞ→ガ, ﾊﾟ→パ).
 * Everything else is left as written.
 *
 * @example toFullWidthKana('ﾀｶﾊｼ ﾀﾞｲｽｹ') // 'タカハシ ダイスケ'
 */
export function toFullWidthKana(text: string): string {
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c >= HALF_START && c <= HALF_END) break;
    i++;
  }
  if (i === text.length) return text;
  let out = text.slice(0, i);
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < HALF_START || c > HALF_END) {
      out += text[i];
      continue;
    }
    const base = FULL.charCodeAt(c - HALF_START);
    const next = text.charCodeAt(i + 1);
    const combined = next === DAKUTEN ? voiced(base) : next === HANDAKUTEN ? semiVoiced(base) : 0;
    if (combined !== 0) {
      out += String.fromCharCode(combined);
      i++;
    } else {
      out += String.fromCharCode(base);
    }
  }
  return out;
}

let halfTable: Map<number, string> | undefined;

function buildHalfTable(): Map<number, string> {
  const table = new Map<number, string>();
  for (let h = HALF_START; h <= HALF_END; h++) {
    const base = FULL.charCodeAt(h - HALF_START);
    const half = String.fromCharCode(h);
    table.set(base, half);
    const v = voiced(base);
    if (v !== 0) table.set(v, half + String.fromCharCode(DAKUTEN));
    const p = semiVoiced(base);
    if (p !== 0) table.set(p, half + String.fromCharCode(HANDAKUTEN));
  }
  return table;
}

/**
 * Converts full-width katakana to half-width (ガ→ｶﾞ), as old systems export it; the demo
 * generator uses it. Characters without a half-width form (ヶ, ヰ, kanji) are kept.
 *
 * @example toHalfWidthKana('ガッコウ') // 'ｶﾞｯｺｳ'
 */
export function toHalfWidthKana(text: string): string {
  halfTable ??= buildHalfTable();
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += (c >= 0x3001 && c <= 0x30fc ? halfTable.get(c) : undefined) ?? text[i];
  }
  return out;
}
