import { excelSerialToIsoDate } from './excel-date';
import { formatPlainNumber } from './format-plain-number';
import { decodeOoxmlEscapes } from './xml-scanner';

/** The input ended inside the construct being read (more bytes may complete it). */
export const CUT_OFF = -1;
/** The construct can never be read, whatever follows. */
export const MALFORMED = -2;

/** What cell values need from the rest of the workbook. */
export interface SheetContext {
  readonly sharedStrings: readonly string[] | undefined;
  /** True at the index of each cell style (`s=`) whose number format is a date or time. */
  readonly dateStyles: readonly boolean[];
  readonly date1904: boolean;
}

/** Cell types (`t=`), as small numbers for the hot loop. */
const NUMBER = 0;
const SHARED = 1;
const INLINE = 2;
const FORMULA_STRING = 3;
const BOOLEAN = 4;
const ERROR = 5;
const ISO_DATE = 6;

/** The start tag of a cell, read in one pass (one object reused for every cell). */
export interface CellStart {
  column: number;
  type: number;
  style: number;
  empty: boolean;
}

/** A cell's `t=` value (between `from` and `to`) as one of the numbers above. */
function typeOf(xml: string, from: number, to: number): number {
  const first = xml.charCodeAt(from);
  const length = to - from;
  if (first === 0x73) return length === 1 ? SHARED : FORMULA_STRING; // s, str
  if (first === 0x69) return INLINE; // inlineStr
  if (first === 0x62) return BOOLEAN;
  if (first === 0x65) return ERROR;
  if (first === 0x64) return ISO_DATE;
  return NUMBER;
}

/** 1-based column of a reference's letters (`AB12` → 28); 0 when there are none. */
function columnOf(xml: string, from: number, to: number): number {
  let column = 0;
  for (let k = from; k < to; k++) {
    const code = xml.charCodeAt(k) | 0x20; // lower-case
    if (code < 0x61 || code > 0x7a) break;
    column = column * 26 + (code - 0x60);
  }
  return column;
}

/**
 * Reads the attributes of a cell's start tag from `from` (after the name) into `cell`:
 * `r` (column only), `t` and `s`. Returns the index after `>`, CUT_OFF or MALFORMED.
 */
export function readCellStart(
  xml: string,
  from: number,
  cell: CellStart,
  previous: number,
): number {
  cell.column = previous + 1;
  cell.type = NUMBER;
  cell.style = 0;
  cell.empty = false;
  const n = xml.length;
  let k = from;
  for (;;) {
    while (k < n && xml.charCodeAt(k) <= 0x20) k++;
    if (k >= n) return CUT_OFF;
    const code = xml.charCodeAt(k);
    if (code === 0x3e) return k + 1;
    if (code === 0x2f) {
      cell.empty = true;
      if (k + 1 >= n) return CUT_OFF;
      return xml.charCodeAt(k + 1) === 0x3e ? k + 2 : MALFORMED;
    }
    let eq = k + 1;
    let nameEnd = eq;
    if (xml.charCodeAt(eq) !== 0x3d) {
      eq = xml.indexOf('=', k);
      if (eq < 0) return CUT_OFF;
      nameEnd = eq;
      while (xml.charCodeAt(nameEnd - 1) <= 0x20) nameEnd--;
    }
    let q = eq + 1;
    while (q < n && xml.charCodeAt(q) <= 0x20) q++;
    const quote = xml.charCodeAt(q);
    if (quote !== 0x22 && quote !== 0x27) return q >= n ? CUT_OFF : MALFORMED;
    let close = q + 1;
    while (close < n && xml.charCodeAt(close) !== quote) close++;
    if (close >= n) return CUT_OFF;
    if (nameEnd - k === 1) {
      const letter = xml.charCodeAt(k);
      if (letter === 0x72) {
        const column = columnOf(xml, q + 1, close);
        if (column > 0) cell.column = column;
      } else if (letter === 0x74) {
        cell.type = typeOf(xml, q + 1, close);
      } else if (letter === 0x73) {
        cell.style = Number(xml.slice(q + 1, close));
      }
    }
    k = close + 1;
  }
}

/** True for `-?(0|[1-9][0-9]*)` of at most 15 digits: a number whose text is already plain. */
function isPlainInteger(text: string): boolean {
  const n = text.length;
  let k = text.charCodeAt(0) === 0x2d ? 1 : 0;
  if (n - k < 1 || n - k > 15 || (text.charCodeAt(k) === 0x30 && n - k > 1)) return false;
  for (; k < n; k++) {
    const code = text.charCodeAt(k);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

/** Text of a cell from its type, `<v>` and inline string; undefined for a bad shared index. */
export function cellText(
  context: SheetContext,
  cell: CellStart,
  value: string | undefined,
  inline: string | undefined,
): string | undefined {
  if (inline !== undefined) return inline;
  if (value === undefined || value === '') return '';
  switch (cell.type) {
    case SHARED:
      return context.sharedStrings?.[Number.parseInt(value, 10)];
    case FORMULA_STRING:
    case INLINE:
      return decodeOoxmlEscapes(value);
    case ERROR:
      return value;
    case BOOLEAN:
      return Number.parseInt(value, 10) !== 0 ? 'TRUE' : 'FALSE';
    case ISO_DATE:
      // ISO 8601 date cells (rare): keep the date part.
      return /^\d{4}-\d{2}-\d{2}/.exec(value)?.[0] ?? value;
    default:
      if (context.dateStyles[cell.style] === true) {
        return excelSerialToIsoDate(Number.parseFloat(value), context.date1904);
      }
      return isPlainInteger(value) ? value : formatPlainNumber(Number.parseFloat(value));
  }
}

/** A start-tag holder for `readCellStart`. */
export function createCellStart(): CellStart {
  return { column: 0, type: NUMBER, style: 0, empty: false };
}
