import type { Cell } from '../sources/source';
import type { FileSink } from './file-sink';
import { buildZip, createDeflater, zipText } from './zip';

const CHUNK_CHARS = 1 << 20;
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006';

function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
  );
}

function cellXml(ref: string, cell: Cell): string {
  if (cell === null || cell === '') return '';
  if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
  return `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(cell)}</t></is></c>`;
}

function packageFiles(sheet: string): [string, string][] {
  return [
    [
      '[Content_Types].xml',
      `${XML}<Types xmlns="${PKG}/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ],
    [
      '_rels/.rels',
      `${XML}<Relationships xmlns="${PKG}/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `${XML}<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="${escapeXml(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML}<Relationships xmlns="${PKG}/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ],
    [
      'xl/styles.xml',
      `${XML}<styleSheet xmlns="${NS}"><fonts count="1"><font><sz val="11"/><name val="Yu Gothic"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="1"><xf xfId="0"/></cellXfs></styleSheet>`,
    ],
  ];
}

/**
 * Creates an XLSX sink: one sheet of inline strings and numbers, deflated as rows arrive and
 * zipped with fixed timestamps, so the same rows always give the same bytes.
 * @example
 * const sink = createXlsxSink({ sheet: '健診', header: ['氏名'] });
 */
export function createXlsxSink(options: { sheet: string; header: readonly string[] }): FileSink {
  const deflater = createDeflater();
  let columns: string[] = [];
  let line = 0;
  let buffer = `${XML}<worksheet xmlns="${NS}"><sheetData>`;
  const add = (cells: readonly Cell[]): void => {
    line++;
    while (columns.length < cells.length) columns = [...columns, columnName(columns.length)];
    let row = `<row r="${line}">`;
    cells.forEach((cell, i) => {
      row += cellXml(`${columns[i] ?? columnName(i)}${line}`, cell);
    });
    buffer += `${row}</row>`;
    if (buffer.length >= CHUNK_CHARS) {
      deflater.write(buffer);
      buffer = '';
    }
  };
  add(options.header);
  return {
    add,
    drain: () => [],
    finish() {
      deflater.write(`${buffer}</sheetData></worksheet>`);
      const entries = packageFiles(options.sheet).map(([name, text]) => zipText(name, text));
      return buildZip([...entries, deflater.end('xl/worksheets/sheet1.xml')]);
    },
  };
}
