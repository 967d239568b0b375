import { ConnectorKitError } from './connector-kit-error';
import { encodeCp932Unchecked, isCp932Encodable } from './encode-cp932';

/** How `encodeCsv` writes: CP932 like Excel on Windows, or UTF-8 with or without BOM. */
export interface EncodeCsvOptions {
  readonly encoding: 'cp932' | 'utf-8' | 'utf-8-bom';
  /** Defaults to CRLF, as Windows exports do. */
  readonly newline?: '\r\n' | '\n';
  /**
   * For files people open in Excel (exports): a cell starting with `=`, `+`, `-`, `@`, a tab or
   * a carriage return is written with a leading `'`, so a spreadsheet shows it as text instead
   * of running it as a formula (CSV injection). Plain numbers such as `-3` are left as they are.
   */
  readonly textOnly?: boolean;
}

const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^[+-]?\d+(?:\.\d+)?$/;

/** A cell a spreadsheet would take as a formula, made text (see `textOnly`). */
export function asSpreadsheetText(field: string): string {
  return formulaStart.test(field) && !plainNumber.test(field) ? `'${field}` : field;
}

function needsQuotes(field: string): boolean {
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i);
    if (c === 0x22 || c === 0x2c || c === 0x0a || c === 0x0d) return true;
  }
  return false;
}

/** One CSV field, quoted (with doubled quotes) only when it holds a quote, comma or line break. */
export function quoteCsvField(field: string): string {
  return needsQuotes(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

function locateUnencodable(rows: readonly (readonly string[])[]): string {
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      if (!isCp932Encodable(row[c] ?? '')) return `row ${r + 1} column ${c + 1}`;
    }
  }
  return 'a field';
}

/**
 * Writes rows as RFC 4180 CSV bytes (a line break after every row). Throws `not_encodable`
 * (with the row and column, never the text) when CP932 cannot hold a character.
 *
 * @example
 * const bytes = encodeCsv([['宛名番号', '氏名'], ['1234567897', '髙橋 一郎']], { encoding: 'cp932' });
 */
export function encodeCsv(
  rows: readonly (readonly string[])[],
  options: EncodeCsvOptions,
): Uint8Array {
  const newline = options.newline ?? '\r\n';
  const cell = options.textOnly === true ? asSpreadsheetText : (field: string) => field;
  let text = '';
  for (const row of rows) {
    let line = '';
    for (let c = 0; c < row.length; c++) {
      if (c > 0) line += ',';
      line += quoteCsvField(cell(row[c] ?? ''));
    }
    text += line + newline;
  }
  if (options.encoding === 'cp932') {
    const bytes = encodeCp932Unchecked(text);
    if (new TextDecoder('shift_jis').decode(bytes) !== text) {
      throw new ConnectorKitError(
        'not_encodable',
        `${locateUnencodable(rows)} contains a character with no CP932 form`,
      );
    }
    return bytes;
  }
  const utf8 = new TextEncoder().encode(text);
  if (options.encoding === 'utf-8') return utf8;
  const out = new Uint8Array(utf8.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(utf8, 3);
  return out;
}
