import { normalizeDigits, parseNumber, parseWarekiDate } from '@mimamori/connector-kit';
import { isValidResidentNumber, normalizeResidentNumber } from '@mimamori/identity';

/** Spellings read as yes / no in municipal exports (after NFKC and trimming). */
export const TRUE_WORDS = new Set([
  '有',
  'あり',
  '○',
  '〇',
  '◯',
  '●',
  '1',
  'はい',
  '該当',
  'y',
  'yes',
  'true',
  'レ',
  '✓',
]);
export const FALSE_WORDS = new Set([
  '無',
  'なし',
  '×',
  '✕',
  '0',
  'いいえ',
  '非該当',
  'n',
  'no',
  'false',
  '-',
]);

/** Width-folded, trimmed cell text for comparisons. */
export function fold(cell: string): string {
  return cell.normalize('NFKC').trim();
}

export function isInteger(cell: string): boolean {
  return parseNumber(cell, 'int').ok;
}

export function isDecimal(cell: string): boolean {
  return parseNumber(cell, 'decimal').ok;
}

/** A date in any 和暦 or western form, but not a bare number (`20180402` is a count too). */
export function isDate(cell: string): boolean {
  return /\D/.test(fold(cell)) && parseWarekiDate(cell).ok;
}

export function parseDate(cell: string): string | undefined {
  const parsed = parseWarekiDate(cell);
  return parsed.ok ? parsed.value : undefined;
}

/** Written with an era (令和7年…, R7.4.1), not a western year. */
export function isWareki(cell: string): boolean {
  return /^(令和|平成|昭和|大正|[RHST])/i.test(fold(cell));
}

/** Digits only, fixed width with leading zeros or long: an id, not a quantity. */
export function isIdentifierLike(cell: string): boolean {
  const text = normalizeDigits(fold(cell));
  return /^\d{4,}$/.test(text) && (text.startsWith('0') || text.length >= 8);
}

export function isResidentNumber(cell: string): boolean {
  return isValidResidentNumber(normalizeResidentNumber(fold(cell)));
}

const KANA = /^[\u3041-\u3096\u30a1-\u30fa\u30fc\u30fb\uff66-\uff9f\u309b\u309c\s・ー]+$/u;
const KANA_CHAR = /[\u3041-\u3096\u30a1-\u30fa\uff66-\uff9d]/gu;

/** A reading: katakana (full or half width) or hiragana, with spaces. */
export function isKana(cell: string): boolean {
  const text = cell.trim();
  return KANA.test(text) && (text.match(KANA_CHAR)?.length ?? 0) >= 2;
}

const IDEOGRAPH = /[\u3400-\u9fff\uf900-\ufaff\ue000-\uf8ff\u{20000}-\u{3ffff}々〆〓]/u;
const NAME_CHARS =
  /^[\u3400-\u9fff\uf900-\ufaff\ue000-\uf8ff\u{20000}-\u{3ffff}々〆〓ヶ\u3041-\u3096\u30a1-\u30fa\u30fc\s・=＝?？]+$/u;

/** A person's name as written: kanji (maybe with kana), 2–20 characters, no digits. */
export function isKanjiName(cell: string): boolean {
  const text = cell.trim();
  const length = [...text].length;
  return length >= 2 && length <= 20 && IDEOGRAPH.test(text) && NAME_CHARS.test(text);
}

/** An address: ideographs with digits or block words (番地, 丁目, 号). */
export function isAddressLike(cell: string): boolean {
  const text = fold(cell);
  return (
    IDEOGRAPH.test(text) &&
    (/\d/.test(text) || /(番地|丁目|番|号)/.test(text)) &&
    /(都|道|府|県|市|区|町|村|字)/.test(text)
  );
}

export function sexCode(cell: string): 1 | 2 | undefined {
  const text = fold(cell);
  if (text === '1' || text === '男' || text === '男性') return 1;
  if (text === '2' || text === '女' || text === '女性') return 2;
  return undefined;
}
