/** One parsed CSV record: its first physical line and its cells. */
export interface CsvRow {
  readonly line: number;
  readonly cells: string[];
}

/** Result of `parseCsv`; `unterminatedLine` is the line of a quote that never closes (0 if none). */
export interface CsvParseResult {
  readonly rows: CsvRow[];
  readonly unterminatedLine: number;
  readonly unterminatedColumn: number;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** Counts line breaks (CRLF, LF or a lone CR) in `text` between `from` and `to`. */
export function countLineBreaks(text: string, from: number, to: number): number {
  let lines = 0;
  for (let k = from; k < to; k++) {
    const ch = text.charCodeAt(k);
    if (ch === LF || (ch === CR && text.charCodeAt(k + 1) !== LF)) lines++;
  }
  return lines;
}

/**
 * RFC 4180 parser over decoded text: quoted fields, doubled quotes, embedded line breaks,
 * CRLF/LF/CR. Tracks the physical line of each record. Lenient like Excel on stray quotes.
 *
 * @example parseCsv('a,"b\nc"\r\n1,2').rows // [{ line: 1, cells: ['a', 'b\nc'] }, { line: 3, cells: ['1', '2'] }]
 */
export function parseCsv(text: string): CsvParseResult {
  const rows: CsvRow[] = [];
  const end = parseCsvEach(text, (row) => rows.push(row));
  return { rows, ...end };
}

/**
 * {@link parseCsv} one record at a time: `onRow` gets each record as it is parsed, so a caller
 * that keeps less than the whole file lets the rest be collected young.
 * @example parseCsvEach(text, (row) => count++);
 */
export function parseCsvEach(
  text: string,
  onRow: (row: CsvRow) => void,
): Omit<CsvParseResult, 'rows'> {
  const cursor = csvCursor();
  parseCsvPart(text, cursor, Infinity, onRow);
  return {
    unterminatedLine: cursor.unterminatedLine,
    unterminatedColumn: cursor.unterminatedColumn,
  };
}

/** Where {@link parseCsvPart} stopped, and the unterminated quote met so far (0: none). */
export interface CsvCursor {
  at: number;
  line: number;
  unterminatedLine: number;
  unterminatedColumn: number;
}

/** A cursor at the start of a text. */
export function csvCursor(): CsvCursor {
  return { at: 0, line: 1, unterminatedLine: 0, unterminatedColumn: 0 };
}

/**
 * {@link parseCsvEach} in parts: parses up to `maxRows` records from `cursor` on and moves it past
 * them; returns true while text is left. The records and issues are exactly parseCsvEach's
 * however the text is cut, so a caller can let other work run between parts.
 * @example const c = csvCursor(); while (parseCsvPart(text, c, 4096, onRow)) await nextTurn();
 */
export function parseCsvPart(
  text: string,
  cursor: CsvCursor,
  maxRows: number,
  onRow: (row: CsvRow) => void,
): boolean {
  const n = text.length;
  let i = cursor.at;
  let line = cursor.line;
  let unterminatedLine = cursor.unterminatedLine;
  let unterminatedColumn = cursor.unterminatedColumn;
  let rows = 0;
  while (i < n && rows < maxRows) {
    rows++;
    const rowLine = line;
    const cells: string[] = [];
    for (;;) {
      let value: string;
      if (i < n && text.charCodeAt(i) === QUOTE) {
        const openLine = line;
        i++;
        value = '';
        let start = i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            unterminatedLine ||= openLine;
            unterminatedColumn ||= cells.length + 1;
            line += countLineBreaks(text, i, n);
            value += text.slice(start);
            i = n;
            break;
          }
          line += countLineBreaks(text, i, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(start, q + 1);
            i = q + 2;
            start = i;
            continue;
          }
          value += text.slice(start, q);
          i = q + 1;
          break;
        }
        // Text after a closing quote (`"ab"c`): kept as Excel does.
        let j = i;
        while (j < n) {
          const ch = text.charCodeAt(j);
          if (ch === COMMA || ch === LF || ch === CR) break;
          j++;
        }
        if (j > i) value += text.slice(i, j);
        i = j;
      } else {
        let j = i;
        while (j < n) {
          const ch = text.charCodeAt(j);
          if (ch === COMMA || ch === LF || ch === CR) break;
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      cells.push(value);
      const ch = i < n ? text.charCodeAt(i) : -1;
      if (ch === COMMA) {
        i++;
        continue;
      }
      if (ch === CR) {
        i++;
        if (i < n && text.charCodeAt(i) === LF) i++;
        line++;
      } else if (ch === LF) {
        i++;
        line++;
      }
      break;
    }
    onRow({ line: rowLine, cells });
  }
  cursor.at = i;
  cursor.line = line;
  cursor.unterminatedLine = unterminatedLine;
  cursor.unterminatedColumn = unterminatedColumn;
  return i < n;
}
