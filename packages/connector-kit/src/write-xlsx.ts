import { ConnectorKitError } from './connector-kit-error';
import { writeZip } from './write-zip';

/** One sheet to write: its name and rows; `null` leaves a cell empty. */
export interface XlsxSheet {
  readonly name: string;
  readonly rows: readonly (readonly (string | number | null)[])[];
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006';
const TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
  );
}

/**
 * Cell text as OOXML stores it: characters XML cannot hold (and CR, which XML would turn into
 * LF) as `_xHHHH_`, a literal `_xHHHH_` protected by escaping its underscore (`_x005F_`).
 */
function escapeText(text: string): string {
  const escaped = text
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    // Everything but tab, line feed and the printable range (C0 controls, CR, U+FFFE/U+FFFF).
    .replace(/[^\t\n -\ufffd]/g, (c) => {
      return `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
    });
  return escapeXml(escaped);
}

function checkSheets(sheets: readonly XlsxSheet[]): void {
  const seen = new Set<string>();
  for (const { name } of sheets) {
    const key = name.toLowerCase();
    if (name.length < 1 || name.length > 31 || /[:\\/?*[\]]/.test(name) || seen.has(key)) {
      throw new ConnectorKitError(
        'invalid_argument',
        'expected unique sheet names of 1 to 31 characters without : \\ / ? * [ ]',
      );
    }
    seen.add(key);
  }
  if (sheets.length === 0) {
    throw new ConnectorKitError('invalid_argument', 'expected at least one sheet');
  }
}

function sheetXml(sheet: XlsxSheet, strings: Map<string, number>): string {
  const parts = [`${XML}<worksheet xmlns="${MAIN}"><sheetData>`];
  sheet.rows.forEach((row, r) => {
    let cells = '';
    row.forEach((value, c) => {
      const ref = `${columnName(c)}${r + 1}`;
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) {
          throw new ConnectorKitError(
            'invalid_argument',
            `expected a finite number in sheet ${sheet.name} at ${ref}`,
          );
        }
        cells += `<c r="${ref}"><v>${value}</v></c>`;
      } else if (value !== null && value !== '') {
        let index = strings.get(value);
        if (index === undefined) {
          index = strings.size;
          strings.set(value, index);
        }
        cells += `<c r="${ref}" t="s"><v>${index}</v></c>`;
      }
    });
    if (cells !== '') parts.push(`<row r="${r + 1}">${cells}</row>`);
  });
  parts.push('</sheetData></worksheet>');
  return parts.join('');
}

function sharedStringsXml(strings: Map<string, number>): string {
  const items = [...strings.keys()].map((text) => {
    const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : '';
    return `<si><t${space}>${escapeText(text)}</t></si>`;
  });
  const count = `count="${strings.size}" uniqueCount="${strings.size}"`;
  return `${XML}<sst xmlns="${MAIN}" ${count}>${items.join('')}</sst>`;
}

function packageParts(sheets: readonly XlsxSheet[]): [string, string][] {
  const overrides = sheets.map(
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${TYPE}.worksheet+xml"/>`,
  );
  const sheetList = sheets.map(
    (sheet, i) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
  );
  const sheetRels = sheets.map(
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  const n = sheets.length;
  return [
    [
      '[Content_Types].xml',
      `${XML}<Types xmlns="${PKG}/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${TYPE}.sheet.main+xml"/>${overrides.join('')}<Override PartName="/xl/styles.xml" ContentType="${TYPE}.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${TYPE}.sharedStrings+xml"/></Types>`,
    ],
    [
      '_rels/.rels',
      `${XML}<Relationships xmlns="${PKG}/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheetList.join('')}</sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML}<Relationships xmlns="${PKG}/relationships">${sheetRels.join('')}<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ],
    [
      'xl/styles.xml',
      `${XML}<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="Yu Gothic"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
    ],
  ];
}

/**
 * Writes sheets to XLSX bytes: strings shared, numbers as numbers, deterministic (fixed ZIP
 * entry dates, no document dates), so the same sheets always give the same bytes.
 *
 * @example
 * const bytes = await writeXlsx([{ name: '健診', rows: [['宛名番号', '受診'], ['1234567897', 1]] }]);
 */
export function writeXlsx(sheets: readonly XlsxSheet[]): Promise<Uint8Array> {
  // The work is synchronous; a promise keeps the API, and `then` turns throws into rejections.
  return Promise.resolve().then(function write() {
    checkSheets(sheets);
    const strings = new Map<string, number>();
    const worksheets = sheets.map((sheet) => sheetXml(sheet, strings));
    const encoder = new TextEncoder();
    const parts: [string, string][] = [
      ...packageParts(sheets),
      ...worksheets.map((xml, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, xml]),
      ['xl/sharedStrings.xml', sharedStringsXml(strings)],
    ];
    return writeZip(parts.map(([name, xml]) => ({ name, data: encoder.encode(xml) })));
  });
}
