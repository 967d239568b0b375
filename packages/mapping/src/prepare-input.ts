import {
  isZip,
  readTable,
  writeXlsx,
  type ConnectorInput,
  type FileInput,
} from '@mimamori/connector-kit';
import type { MappedFile } from './mapping-schema';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Rewrites CSV bytes in place of encoding: the delimiter becomes a comma (quoting unquoted fields
 * that hold a comma) and lines before `headerRow` are emptied. Works on bytes because quote,
 * delimiter and line-break bytes never occur inside CP932 or UTF-8 multi-byte characters, so the
 * encoding, undecodable bytes and physical line numbers are all preserved: a dropped preamble
 * field keeps its line breaks (a quoted title over two lines stays two empty lines).
 */
export function toKitCsv(bytes: Uint8Array, delimiter: number, headerRow: number): Uint8Array {
  const out: number[] = [];
  let i = 0;
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bom) {
    out.push(0xef, 0xbb, 0xbf);
    i = 3;
  }
  let line = 1;
  let inQuotes = false;
  let field: number[] = [];
  let quoted = false;
  const flush = () => {
    const needsQuote = delimiter !== COMMA && !quoted && field.includes(COMMA);
    if (line >= headerRow) {
      if (needsQuote) {
        out.push(QUOTE);
        for (const b of field) {
          if (b === QUOTE) out.push(QUOTE);
          out.push(b);
        }
        out.push(QUOTE);
      } else for (const b of field) out.push(b);
    } else {
      // Only the line breaks of a dropped field are kept, so later lines keep their numbers.
      for (const b of field) if (b === LF || b === CR) out.push(b);
    }
    field = [];
    quoted = false;
  };
  for (; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (inQuotes) {
      if (b === QUOTE) {
        // A doubled quote is a literal one and the field stays quoted.
        if (bytes[i + 1] === QUOTE) {
          if (line >= headerRow) field.push(b, QUOTE);
          i++;
          continue;
        }
        inQuotes = false;
      }
      if (b === LF || (b === CR && bytes[i + 1] !== LF)) line++;
      if (line >= headerRow || b === LF || b === CR) field.push(b);
      continue;
    }
    // As in the kit's reader (RFC 4180), only a quote that starts a field opens a quoted
    // section; a quote inside an unquoted field (`5"の画面`) is a character like any other.
    if (b === QUOTE && field.length === 0 && !quoted) {
      quoted = true;
      inQuotes = true;
      field.push(b);
    } else if (b === delimiter) {
      flush();
      if (line >= headerRow) out.push(COMMA);
    } else if (b === LF || b === CR) {
      flush();
      out.push(b);
      if (b === LF || bytes[i + 1] !== LF) line++;
    } else field.push(b);
  }
  flush();
  return Uint8Array.from(out);
}

async function xlsxFromHeaderRow(input: FileInput, file: MappedFile): Promise<Uint8Array> {
  const table = await readTable(input, file.sheet === undefined ? {} : { sheet: file.sheet });
  if (table.headerLine === 0) return input.bytes;
  const grid: string[][] = [];
  const all = [{ line: table.headerLine, cells: table.header }, ...table.rows];
  for (const row of all) {
    while (grid.length < row.line - 1) grid.push([]);
    grid.push(row.line < file.headerRow ? [] : row.cells);
  }
  return writeXlsx([{ name: file.sheet ?? 'Sheet1', rows: grid }]);
}

/**
 * Brings a file into the layout the connector kit reads (comma-separated, header first) while
 * keeping line numbers; a no-op for comma CSV and XLSX with the header on row 1.
 *
 * @example
 * const run = await runConnector(connector, await prepareMappedInput(mapping.file, input));
 */
export async function prepareMappedInput(
  file: MappedFile,
  input: ConnectorInput,
): Promise<ConnectorInput> {
  const delimiter = (file.delimiter ?? ',').charCodeAt(0);
  if (isZip(input.bytes)) {
    if (file.headerRow === 1) return input;
    return { ...input, bytes: await xlsxFromHeaderRow(input, file) };
  }
  if (delimiter === COMMA && file.headerRow === 1) return input;
  return { ...input, bytes: toKitCsv(input.bytes, delimiter, file.headerRow) };
}
