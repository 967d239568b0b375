import { encodeCp932 } from '@mimamori/connector-kit';
import type { Cell } from '../sources/source';
import type { FileSink } from './file-sink';

/** CSV encodings municipal systems use. */
export type CsvEncoding = 'cp932' | 'utf-8-bom';

const CHUNK_CHARS = 1 << 18;
function csvCell(cell: Cell): string {
  const text = cell === null ? '' : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Creates a CSV sink writing CRLF lines (Windows exports) in CP932 without BOM or UTF-8 with BOM.
 * @example
 * const sink = createCsvSink({ encoding: 'cp932', header: ['氏名'] });
 */
export function createCsvSink(options: {
  encoding: CsvEncoding;
  header: readonly string[];
}): FileSink {
  const encode = (text: string): Uint8Array =>
    options.encoding === 'cp932' ? encodeCp932(text) : new TextEncoder().encode(text);
  let buffer = `${options.encoding === 'utf-8-bom' ? '\ufeff' : ''}${options.header.map(csvCell).join(',')}\r\n`;
  let ready: Uint8Array[] = [];
  const flush = (): void => {
    if (buffer.length > 0) ready.push(encode(buffer));
    buffer = '';
  };
  return {
    add(cells) {
      buffer += `${cells.map(csvCell).join(',')}\r\n`;
      if (buffer.length >= CHUNK_CHARS) flush();
    },
    drain() {
      const out = ready;
      ready = [];
      return out;
    },
    finish() {
      flush();
      return this.drain();
    },
  };
}
