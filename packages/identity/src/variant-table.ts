import {
  curatedNameVariants,
  excludedVariantSources,
  kyujitaiPairLines,
  weakVariantPairs,
} from './variants-curated';
import { joyoKanjiLines, variantPairLines } from './variants.generated';

/** Splits lines of concatenated two-code-point pairs into [source, target] tuples. */
export function parsePairLines(lines: readonly string[]): [string, string][] {
  const chars = [...lines.join('')];
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < chars.length; i += 2) {
    const [from, to] = [chars[i], chars[i + 1]];
    if (from !== undefined && to !== undefined) pairs.push([from, to]);
  }
  return pairs;
}

/** The 2,136 常用漢字 (official glyphs, e.g. 剝 𠮟 塡 頰). */
export const joyoKanji: ReadonlySet<string> = new Set(joyoKanjiLines.join(''));

/** True when `char` (one code point) is one of the 常用漢字. */
export function isJoyoKanji(char: string): boolean {
  return joyoKanji.has(char);
}

function buildVariantTable(): Map<string, string> {
  const excluded = new Set(excludedVariantSources.map((e) => e.from));
  const table = new Map<string, string>();
  for (const [from, to] of parsePairLines(variantPairLines)) {
    if (!excluded.has(from)) table.set(from, to);
  }
  for (const [from, to] of parsePairLines(kyujitaiPairLines)) table.set(from, to);
  for (const { from, to } of curatedNameVariants) table.set(from, to);
  return table;
}

/**
 * Identity folding: non-常用 variant → its 常用 form (generated Unihan pairs, minus exclusions,
 * plus the curated 旧字体 and name pairs). Keys and values are single code points.
 * @example variantTable.get('髙') // '高'
 */
export const variantTable: ReadonlyMap<string, string> = buildVariantTable();

function buildWeakTable(): Map<string, string> {
  const table = new Map<string, string>();
  for (const { a, b } of weakVariantPairs) {
    const rep = variantTable.get(a) ?? a;
    table.set(variantTable.get(b) ?? b, rep);
  }
  return table;
}

/**
 * Weak folding applied after identity folding: merges characters that are different but often
 * confused in names (斉 → 斎 …).
 * @example weakTable.get('斉') // '斎'
 */
export const weakTable: ReadonlyMap<string, string> = buildWeakTable();
