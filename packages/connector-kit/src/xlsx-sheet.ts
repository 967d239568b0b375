import { excelSerialToIsoDate } from './excel-date';
import { formatPlainNumber } from './format-plain-number';
import {
  attributesOf,
  characterData,
  createTag,
  decodeOoxmlEscapes,
  kindOf,
  rawAttribute,
  readSimpleText,
  readStringItem,
  readTag,
  scanXml,
  skipElement,
  type XmlSource,
} from './xml-scanner';
import { applyMerges, parseMergeRange, type MergeRange } from './xlsx-merges';

/** One non-empty sheet row: its 1-based row number and cell texts (column 1 at index 0). */
export interface XlsxRow {
  readonly line: number;
  readonly cells: string[];
}

/** What cell values need from the rest of the workbook. */
export interface SheetContext {
  readonly sharedStrings: readonly string[] | undefined;
  /** True at the index of each cell style (`s=`) whose number format is a date or time. */
  readonly dateStyles: readonly boolean[];
  readonly date1904: boolean;
}

/** Rows of a sheet, or why it could not be read. */
export type SheetReadResult =
  | { readonly ok: true; readonly rows: XlsxRow[] }
  | { readonly ok: false; readonly expected: string };

const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;
const CUT_OFF = -1;
const MALFORMED = -2;

/** Cell types (`t=`), as small numbers for the hot loop. */
const NUMBER = 0;
const SHARED = 1;
const INLINE = 2;
const FORMULA_STRING = 3;
const BOOLEAN = 4;
const ERROR = 5;
const ISO_DATE = 6;

/** Index after a cell's end tag (or CUT_OFF), its `<v>` text and its inline string. */
type CellContent = [end: number, value: string | undefined, inline: string | undefined];
const CUT_OFF_CONTENT: CellContent = [CUT_OFF, undefined, undefined];

/** The start tag of a cell, read in one pass. */
interface CellStart {
  column: number;
  type: number;
  style: number;
  empty: boolean;
}

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
function readCellStart(xml: string, from: number, cell: CellStart, previous: number): number {
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

/** `<v>` at `at`. */
function startsWithV(xml: string, at: number): boolean {
  return (
    xml.charCodeAt(at) === 0x3c && xml.charCodeAt(at + 1) === 0x76 && xml.charCodeAt(at + 2) === 0x3e
  );
}

/** `</v></c>` at `at`. */
function endsV(xml: string, at: number): boolean {
  return (
    xml.charCodeAt(at + 1) === 0x2f &&
    xml.charCodeAt(at + 2) === 0x76 &&
    xml.charCodeAt(at + 3) === 0x3e &&
    xml.charCodeAt(at + 4) === 0x3c &&
    xml.charCodeAt(at + 5) === 0x2f &&
    xml.charCodeAt(at + 6) === 0x63 &&
    xml.charCodeAt(at + 7) === 0x3e
  );
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
function cellText(
  context: SheetContext,
  cell: CellStart,
  value: string | undefined,
  inline: string | undefined,
): string | undefined {
  if (inline !== undefined) return inline;
  if (value === undefined) return '';
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

/**
 * Reads sheet XML (`xl/worksheets/sheetN.xml`) in one pass: rows and cells placed by their `r=`
 * references, shared, inline and rich strings, numbers, booleans, errors, cached formula
 * results, date-formatted numbers as `YYYY-MM-DD`, and merged ranges. Rows without any text are
 * left out and trailing empty cells dropped.
 *
 * @example
 * const sheet = readSheet(bytes, { sharedStrings: [], dateStyles: [], date1904: false });
 */
export function readSheet(bytes: Uint8Array, context: SheetContext): SheetReadResult {
  const rows: XlsxRow[] = [];
  const merges: MergeRange[] = [];
  const tag = createTag();
  const cell: CellStart = { column: 0, type: NUMBER, style: 0, empty: false };
  let lastLine = 0;
  let ordered = true;
  let maxColumn = 0;
  let badSharedString = false;
  const scratch: string[] = [];

  /** The cell's `<v>` and inline string when the content is not one of the two common shapes. */
  function readCellContent(source: XmlSource, from: number): CellContent {
    const xml = source.xml;
    let at = from;
    let value: string | undefined;
    let inline: string | undefined;
    for (;;) {
      const lt = xml.indexOf('<', at);
      if (lt < 0 || !readTag(xml, lt, tag)) return CUT_OFF_CONTENT;
      at = tag.end;
      const kind = kindOf(tag);
      if (kind === 'close') return [at, value, inline];
      if (kind !== 'open' || tag.selfClosing) continue;
      if (tag.name === 'v') {
        value = readSimpleText(source, at, tag);
        if (value === undefined) return CUT_OFF_CONTENT;
        at = tag.end;
      } else if (tag.name === 'is') {
        inline = readStringItem(source, at, tag);
        if (inline === undefined) return CUT_OFF_CONTENT;
        at = tag.end;
      } else if ((at = skipElement(xml, at, tag)) < 0) {
        return CUT_OFF_CONTENT;
      }
    }
  }

  /** Reads the row whose start tag ends at `from`: the index after its end tag, or an error. */
  function readRow(source: XmlSource, from: number, line: number): number {
    const xml = source.xml;
    const cells = scratch;
    let column = 0;
    let last = 0;
    let at = from;
    for (;;) {
      const lt = xml.charCodeAt(at) === 0x3c ? at : xml.indexOf('<', at);
      if (lt < 0) return CUT_OFF;
      const after = xml.charCodeAt(lt + 2);
      if (xml.charCodeAt(lt + 1) === 0x63 && (after <= 0x20 || after === 0x3e || after === 0x2f)) {
        at = readCellStart(xml, lt + 2, cell, column);
      } else {
        if (!readTag(xml, lt, tag)) return CUT_OFF;
        const kind = kindOf(tag);
        if (kind === 'close') {
          at = tag.end;
          break;
        }
        if (kind !== 'open' || tag.name !== 'c') {
          at = kind === 'open' && !tag.selfClosing ? skipElement(xml, tag.end, tag) : tag.end;
          if (at < 0) return CUT_OFF;
          continue;
        }
        at = readCellStart(xml, tag.inner, cell, column);
      }
      if (at < 0) return at;
      column = cell.column;
      if (column > MAX_COLUMN) return MALFORMED;
      let value: string | undefined;
      let inline: string | undefined;
      if (!cell.empty) {
        let end = -1;
        // The two shapes nearly every writer uses, read without the general tag loop.
        if (startsWithV(xml, at)) {
          const close = xml.indexOf('<', at + 3);
          if (endsV(xml, close)) {
            value = characterData(source, at + 3, close);
            end = close + 8;
          }
        } else if (xml.startsWith('<is><t>', at)) {
          const close = xml.indexOf('<', at + 7);
          if (xml.startsWith('</t></is></c>', close)) {
            inline = decodeOoxmlEscapes(characterData(source, at + 7, close));
            end = close + 13;
          }
        }
        if (end < 0) {
          [end, value, inline] = readCellContent(source, at);
          if (end < 0) return end;
        }
        at = end;
      }
      const text = cellText(context, cell, value, inline);
      if (text === undefined) badSharedString = true;
      else if (text !== '') {
        while (cells.length < column - 1) cells.push('');
        cells[column - 1] = text;
        if (column > last) last = column;
      }
    }
    if (last > 0) {
      // One exact-size copy per row; the scratch array is cleared for the next row.
      const row = cells.slice(0, last);
      cells.fill('', 0, last);
      if (last > maxColumn) maxColumn = last;
      if (line <= (rows[rows.length - 1]?.line ?? 0)) ordered = false;
      rows.push({ line, cells: row });
    }
    return at;
  }

  function feed(source: XmlSource, final: boolean): number {
    const xml = source.xml;
    let at = 0;
    for (;;) {
      const lt = xml.indexOf('<', at);
      if (lt < 0) return xml.length;
      if (!readTag(xml, lt, tag)) return final ? MALFORMED : lt;
      at = tag.end;
      if (kindOf(tag) !== 'open') continue;
      if (tag.name === 'row') {
        const ref = rawAttribute(xml, tag, 'r');
        const line = ref === undefined ? lastLine + 1 : Number(ref);
        if (!Number.isInteger(line) || line < 1 || line > MAX_ROW) return MALFORMED;
        lastLine = line;
        if (tag.selfClosing) continue;
        const end = readRow(source, tag.end, line);
        if (end === CUT_OFF) return final ? MALFORMED : lt;
        if (end < 0) return MALFORMED;
        at = end;
      } else if (tag.name === 'mergeCell') {
        const range = parseMergeRange(attributesOf(source, tag)['ref'] ?? '');
        if (range) merges.push(range);
      }
    }
  }

  if (!scanXml(bytes, feed)) {
    return { ok: false, expected: 'expected well-formed sheet XML (the file is damaged)' };
  }
  if (badSharedString) {
    return { ok: false, expected: 'expected shared string references within the workbook' };
  }
  const sorted = ordered ? rows : combineRepeatedRows(rows.sort((a, b) => a.line - b.line));
  return { ok: true, rows: merges.length === 0 ? sorted : applyMerges(sorted, merges, maxColumn) };
}

/** Rows repeated under one number (sorted first) combine, later cells winning. */
function combineRepeatedRows(rows: XlsxRow[]): XlsxRow[] {
  const out: XlsxRow[] = [];
  for (const row of rows) {
    const previous = out[out.length - 1];
    if (previous?.line !== row.line) {
      out.push(row);
      continue;
    }
    row.cells.forEach((text, i) => {
      if (text === '') return;
      while (previous.cells.length < i) previous.cells.push('');
      previous.cells[i] = text;
    });
  }
  return out;
}
