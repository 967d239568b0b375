import {
  isZip,
  parseNumber,
  parseWarekiDate,
  readTable,
  type DetectedEncoding,
} from '@mimamori/connector-kit';
import { toKitCsv } from '../prepare-input';

/** A sample file read as a table, with the layout that was detected. */
export interface SampleTable {
  readonly format: 'csv' | 'xlsx';
  readonly encoding: DetectedEncoding | 'xlsx';
  readonly delimiter: ',' | '\t' | ';';
  /** 1-based physical line (CSV) or sheet row (XLSX) of the header. */
  readonly headerRow: number;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

const CANDIDATES = [',', '\t', ';'] as const;
const SNIFF_LINES = 30;

/**
 * Delimiter counts per non-empty line outside double quotes, over the first lines. As in the kit's
 * reader, only a quote that starts a field opens a quoted section (`5"の画面` holds a character).
 */
function countsPerLine(text: string, delimiter: string): number[] {
  const counts: number[] = [];
  let count = 0;
  let quoted = false;
  let content = false;
  let fieldStart = true;
  for (let i = 0; i < text.length && counts.length < SNIFF_LINES; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') i++;
      else if (ch === '"') quoted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (content) counts.push(count);
      count = 0;
      content = false;
      fieldStart = true;
    } else {
      content = true;
      if (ch === '"' && fieldStart) quoted = true;
      if (ch === delimiter) count++;
      // The delimiter is not known yet: a field may start after any candidate.
      fieldStart = ch === ',' || ch === '\t' || ch === ';';
    }
  }
  if (content) counts.push(count);
  return counts;
}

/**
 * The delimiter whose count per line is most consistent (ties: more columns). A delimiter
 * absent from most lines never wins; comma is the default.
 */
export function detectDelimiter(text: string): ',' | '\t' | ';' {
  let best: { delimiter: ',' | '\t' | ';'; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of CANDIDATES) {
    const lines = countsPerLine(text, delimiter);
    const counts = lines.filter((c) => c > 0);
    if (counts.length === 0) continue;
    const tally = new Map<number, number>();
    for (const c of counts) tally.set(c, (tally.get(c) ?? 0) + 1);
    const [mode, times] = [...tally].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [0, 0];
    const score = (times / lines.length) * 100 + mode / 100;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('shift_jis').decode(bytes);
  }
}

/** Data-like cells: numbers and dates. A header row is mostly other text. */
function isDataLike(cell: string): boolean {
  const text = cell.trim();
  return parseNumber(text, 'decimal').ok || parseWarekiDate(text).ok;
}

/** Index of the first row whose cells are mostly non-numeric, non-date text (the header). */
export function findHeaderRow(rows: readonly (readonly string[])[]): number {
  const width = Math.max(0, ...rows.slice(0, 50).map((r) => r.filter((c) => c.trim()).length));
  for (let i = 0; i < Math.min(rows.length, 20); i++) {
    const cells = (rows[i] ?? []).filter((c) => c.trim() !== '');
    if (cells.length < Math.max(2, Math.ceil(width * 0.5))) continue;
    const text = cells.filter((c) => !isDataLike(c)).length;
    if (text / cells.length >= 0.6) return i;
  }
  return 0;
}

/**
 * Reads a sample: format (ZIP magic → XLSX), encoding (BOM, valid UTF-8, else CP932), delimiter
 * by consistency over the first lines, and the header row.
 *
 * @example const table = await readSampleTable({ file: 'hall.csv', bytes });
 */
export async function readSampleTable(input: {
  readonly file: string;
  readonly bytes: Uint8Array;
}): Promise<SampleTable> {
  const format = isZip(input.bytes) ? 'xlsx' : 'csv';
  const delimiter = format === 'xlsx' ? ',' : detectDelimiter(decode(input.bytes));
  const bytes = delimiter === ',' ? input.bytes : toKitCsv(input.bytes, delimiter.charCodeAt(0), 1);
  const table = await readTable({ file: input.file, bytes });
  const all = [{ line: table.headerLine, cells: table.header }, ...table.rows];
  const at = table.headerLine === 0 ? 0 : findHeaderRow(all.map((r) => r.cells));
  const header = all[at]?.cells ?? [];
  const rows = all
    .slice(at + 1)
    .map((r) => r.cells)
    .filter((cells) => cells.some((c) => c.trim() !== ''));
  return {
    format,
    encoding: table.encoding,
    delimiter,
    headerRow: all[at]?.line ?? 1,
    header,
    rows,
  };
}
