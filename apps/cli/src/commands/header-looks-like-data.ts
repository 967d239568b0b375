import type { ColumnInference } from '@mimamori/mapping';

/** A date as written in exports: 2014-05-03, 2014/5/3, 20140503, 平成26年5月3日, H26.5.3. */
const DATE =
  /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{8}|(?:明治|大正|昭和|平成|令和|[MTSHR])\s*(?:\d{1,2}|元)[年.\-/]\s*\d{1,2}[月.\-/]\s*\d{1,2}日?)$/i;
/** Digits only (an id, a resident number, a count), half- or full-width, maybe with - or ,. */
const DIGITS = /^[\d０-９][\d０-９,\-－]*$/;

/**
 * True when header cells look like data rather than column names: a header row holds names, so
 * a date or a digits-only cell there means the file has no header row and its first data row
 * was taken for one (e.g. `tail -n +2` of a roster).
 * @example headerLooksLikeData(columns); // true for a roster without its header line
 */
export function headerLooksLikeData(columns: readonly ColumnInference[]): boolean {
  return columns.some((c) => {
    const header = c.header.trim();
    return header !== '' && (DATE.test(header) || DIGITS.test(header));
  });
}
