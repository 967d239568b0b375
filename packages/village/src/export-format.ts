import { toHalfWidthKana as halfWidth } from '@mimamori/connector-kit';

/** Formats the exports use: the connector kit's 和暦 writer (the importer parses what it writes). */
export { formatWareki, type WarekiStyle } from '@mimamori/connector-kit';

/** Half-width katakana with half-width spaces, as old systems export readings (ﾔﾏﾀﾞ ﾀﾛｳ). */
export function toHalfWidthKana(text: string): string {
  return halfWidth(text).replaceAll('　', ' ');
}
