import type { GaijiEntry } from '@mimamori/identity';

/* The village's 外字 table: private-use code points in the roster and their standard characters. */

/** Standard characters the roster system stores as 外字 for some families (a variant glyph each). */
const standards = ['吉', '高', '崎', '辺', '辺', '島', '沢', '浜', '藤', '橋', '斎', '田'] as const;

/** The village's 外字 table (private-use area from U+E000, as CP932 user-defined F040…). */
export const gaijiTable: readonly GaijiEntry[] = standards.map((standard, i) => ({
  code: `U+${(0xe000 + i).toString(16).toUpperCase()}`,
  standard,
}));

/** Private-use character for each standard character (the first entry wins). */
const gaijiByStandard = new Map<string, string>();
for (const entry of gaijiTable) {
  const char = String.fromCodePoint(Number.parseInt(entry.code.slice(2), 16));
  if (!gaijiByStandard.has(entry.standard)) gaijiByStandard.set(entry.standard, char);
}

/** True when some character of the name has a 外字 form in this village's system. */
export function hasGaijiForm(name: string): boolean {
  return [...name].some((c) => gaijiByStandard.has(c));
}

/** Replaces the first character that has a 外字 form with its private-use code point. */
export function toGaijiForm(name: string): string {
  const chars = [...name];
  const i = chars.findIndex((c) => gaijiByStandard.has(c));
  const c = chars[i];
  const gaiji = c === undefined ? undefined : gaijiByStandard.get(c);
  if (gaiji === undefined) return name;
  chars[i] = gaiji;
  return chars.join('');
}

/** Replaces private-use characters by their standard characters (what other offices write). */
export function fromGaijiForm(name: string): string {
  return name.replace(/[\uE000-\uF8FF]/g, (c) => {
    const code = `U+${c.codePointAt(0)?.toString(16).toUpperCase() ?? ''}`;
    return gaijiTable.find((e) => e.code === code)?.standard ?? c;
  });
}
