import { variantTable, weakTable } from './variant-table';

/** White_Space code points, zero-width characters, and middle dots between family and given names. */
const ignoredSingles = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
  0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
  0x00b7, 0x30fb, 0x200b, 0x200c, 0x200d, 0x2060,
]);

/**
 * True for characters that never count in a name or kana key: every kind of white space (ASCII,
 * U+3000, NBSP …), zero-width characters, middle dots, and variation selectors (U+FE00–FE0F,
 * U+E0100–E01EF) so an IVS-qualified 辻 equals the plain one.
 */
export function isIgnoredNameChar(char: string): boolean {
  const cp = char.codePointAt(0) ?? 0;
  if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) return true;
  return ignoredSingles.has(cp);
}

const escape = (c: string): string => `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`;
const classOf = (chars: Iterable<string>): string => [...chars].map(escape).join('');
const ignoredClass = classOf([...ignoredSingles].map((cp) => String.fromCodePoint(cp)));
const selectors = '\\u{fe00}-\\u{fe0f}\\u{e0100}-\\u{e01ef}';
/** Fast path: most names contain nothing to drop or fold. */
const needsFold = new RegExp(`[${ignoredClass}${selectors}${classOf(variantTable.keys())}]`, 'u');
const needsWeakFold = new RegExp(
  `[${ignoredClass}${selectors}${classOf(variantTable.keys())}${classOf(weakTable.keys())}]`,
  'u',
);

function foldWith(text: string, weak: boolean): string {
  const nfkc = text.normalize('NFKC');
  const upper = nfkc.toUpperCase();
  let changed = upper !== nfkc;
  if (!(weak ? needsWeakFold : needsFold).test(upper))
    return changed ? upper.normalize('NFKC') : upper;
  let out = '';
  for (const char of upper) {
    if (isIgnoredNameChar(char)) {
      changed = true;
      continue;
    }
    const folded = variantTable.get(char) ?? char;
    const key = weak ? (weakTable.get(folded) ?? folded) : folded;
    if (key !== char) changed = true;
    out += key;
  }
  // Removing or replacing a character can leave a sequence that NFKC composes differently.
  return changed ? out.normalize('NFKC') : out;
}

/**
 * The exact-match key for a name: NFKC, Latin upper-cased, spaces/middle dots/variation selectors
 * removed, variant kanji folded to 常用 (髙→高, 﨑→崎, 邊/邉→辺, 齋→斎, 齊→斉). Idempotent.
 * @example foldName('渡邊\u3000髙志') // '渡辺高志'
 */
export function foldName(text: string): string {
  return foldWith(text, false);
}

/**
 * A coarser key for lower-confidence matches: foldName plus the curated weak pairs (斉→斎, 舘→館 …).
 * @example weakNameKey('齊藤') === weakNameKey('斎藤') // true
 */
export function weakNameKey(text: string): string {
  return foldWith(text, true);
}

/**
 * The `mimamori names key` contract: one folded key per input line, same order.
 * @example namesKey(['髙橋 一郎', '山﨑']) // ['高橋一郎', '山崎']
 */
export function namesKey(lines: readonly string[]): string[] {
  return lines.map(foldName);
}
