import {
  CUT_OFF,
  MALFORMED,
  cellText,
  createCellStart,
  readCellStart,
  type SheetContext,
} from './xlsx-cell';
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
import {
  applyMerges,
  clipMerges,
  mergedCellCount,
  parseMergeRange,
  type MergeRange,
} from './xlsx-merges';

/** One non-empty sheet row: its 1-based row number and cell texts (column 1 at index 0). */
export interface XlsxRow {
  readonly line: number;
  readonly cells: string[];
}

export type { SheetContext } from './xlsx-cell';

/** Rows of a sheet, or why it could not be read. */
export type SheetReadResult =
  | { readonly ok: true; readonly rows: XlsxRow[] }
  | { readonly ok: false; readonly expected: string };

const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;

/**
 * Most cells a sheet may come to: the cells of its rows up to each row's last text, plus the cells
 * of its merged ranges (clipped to the used range), plus the padding of short rows to the header's
 * width. 50 million (about 400 MB of cell slots) holds a 1,000,000-row × 50-column extract, far
 * beyond any village's files, and stops a small file that places one cell at column XFD on every
 * row, or merges `A2:XFD200000` over a listed `XFD` cell, before it exhausts memory: such a
 * sheet is reported as `bad_file` instead.
 */
export const MAX_SHEET_CELLS = 50_000_000;

/** Why a sheet over `MAX_SHEET_CELLS` is not read (no cell values). */
export const TOO_MANY_CELLS = `expected at most ${MAX_SHEET_CELLS.toLocaleString('en-US')} cells in the sheet's used range (rows × columns up to the last one used)`;

/** Index after a cell's end tag (or CUT_OFF), its `<v>` text and its inline string. */
type CellContent = [end: number, value: string | undefined, inline: string | undefined];
const CUT_OFF_CONTENT: CellContent = [CUT_OFF, undefined, undefined];
const MALFORMED_CONTENT: CellContent = [MALFORMED, undefined, undefined];

/** '0' … '99': most numeric cells (counts, codes, indexes) share these instead of new strings. */
const SMALL_NUMBERS = Array.from({ length: 100 }, (_, n) => String(n));

/** The shared text of a one- or two-digit number between `from` and `to`, if it is one. */
function smallNumber(xml: string, from: number, to: number): string | undefined {
  const first = xml.charCodeAt(from) - 0x30;
  if (first < 0 || first > 9) return undefined;
  if (to - from === 1) return SMALL_NUMBERS[first];
  const second = xml.charCodeAt(from + 1) - 0x30;
  if (to - from !== 2 || first === 0 || second < 0 || second > 9) return undefined;
  return SMALL_NUMBERS[first * 10 + second];
}

/** `<v>` at `at`. */
function startsWithV(xml: string, at: number): boolean {
  return (
    xml.charCodeAt(at) === 0x3c &&
    xml.charCodeAt(at + 1) === 0x76 &&
    xml.charCodeAt(at + 2) === 0x3e
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

/**
 * Reads sheet XML (`xl/worksheets/sheetN.xml`) in one pass: rows and cells placed by their `r=`
 * references, shared, inline and rich strings, numbers, booleans, errors, cached formula
 * results, date-formatted numbers as `YYYY-MM-DD`, and merged ranges. Rows without any text are
 * left out and trailing empty cells dropped. Merged ranges are clipped to the used range, and a
 * sheet of more than `maxCells` cells (default `MAX_SHEET_CELLS`) is reported, not read.
 * `windowBytes` sizes the scanning window (tests).
 *
 * @example
 * const sheet = readSheet(bytes, { sharedStrings: [], dateStyles: [], date1904: false });
 */
export function readSheet(
  bytes: Uint8Array,
  context: SheetContext,
  windowBytes?: number,
  maxCells = MAX_SHEET_CELLS,
): SheetReadResult {
  const rows: XlsxRow[] = [];
  const merges: MergeRange[] = [];
  const tag = createTag();
  const cell = createCellStart();
  let lastLine = 0;
  let maxLine = 0;
  /** The rightmost column of any listed cell, empty or not: the used range for merges. */
  let maxColumn = 0;
  /** Cells held by the rows so far; past `maxCells` the sheet is not read. */
  let cellCount = 0;
  let tooLarge = false;
  let ordered = true;
  let badSharedString = false;
  let ended = false;
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
      if (kind === 'close') return tag.name === 'c' ? [at, value, inline] : MALFORMED_CONTENT;
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
    let widest = 0;
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
          if (tag.name !== 'row') return MALFORMED;
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
      if (column > widest) widest = column;
      let value: string | undefined;
      let inline: string | undefined;
      if (!cell.empty) {
        let end = -1;
        // The two shapes nearly every writer uses, read without the general tag loop.
        if (startsWithV(xml, at)) {
          const close = xml.indexOf('<', at + 3);
          if (endsV(xml, close)) {
            value = smallNumber(xml, at + 3, close) ?? characterData(source, at + 3, close);
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
    if (widest > maxColumn) maxColumn = widest;
    if (last > 0) {
      cellCount += last;
      if (cellCount > maxCells) {
        tooLarge = true;
        return MALFORMED;
      }
      // One exact-size copy per row; the scratch array is cleared for the next row.
      const row = cells.slice(0, last);
      cells.fill('', 0, last);
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
      const kind = kindOf(tag);
      if (tag.name === 'sheetData' && (kind === 'close' || tag.selfClosing)) ended = true;
      if (kind !== 'open') continue;
      if (tag.name === 'row') {
        const ref = rawAttribute(xml, tag, 'r');
        const line = ref === undefined ? lastLine + 1 : Number(ref);
        if (!Number.isInteger(line) || line < 1 || line > MAX_ROW) return MALFORMED;
        lastLine = line;
        if (line > maxLine) maxLine = line;
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

  const complete = scanXml(bytes, feed, windowBytes);
  if (tooLarge) return { ok: false, expected: TOO_MANY_CELLS };
  if (!complete || !ended) {
    return { ok: false, expected: 'expected well-formed sheet XML (the file is damaged)' };
  }
  if (badSharedString) {
    return { ok: false, expected: 'expected shared string references within the workbook' };
  }
  const sorted = ordered ? rows : combineRepeatedRows(rows.sort((a, b) => a.line - b.line));
  if (merges.length === 0) return { ok: true, rows: sorted };
  const clipped = clipMerges(merges, maxLine, maxColumn);
  if (cellCount + mergedCellCount(clipped) > maxCells) {
    return { ok: false, expected: TOO_MANY_CELLS };
  }
  return { ok: true, rows: applyMerges(sorted, clipped) };
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
