import type { ZipArchive } from './read-zip';
import {
  attributesOf,
  characterData,
  createTag,
  decodeOoxmlEscapes,
  kindOf,
  readStringItem,
  readTag,
  scanXml,
  wholeXml,
  type XmlSource,
  type XmlTag,
} from './xml-scanner';

/** Where a sheet's parts are and how its dates count. */
export interface WorkbookLayout {
  readonly sheetPath: string;
  readonly sharedStringsPath: string | undefined;
  readonly stylesPath: string | undefined;
  readonly date1904: boolean;
}

/** The layout, or why the workbook does not have the sheet asked for. */
export type LocateSheetResult =
  | { readonly ok: true; readonly layout: WorkbookLayout }
  | { readonly ok: false; readonly expected: string };

const damaged = {
  ok: false,
  expected: 'expected a readable XLSX workbook (the file is damaged)',
} as const;

/** Built-in number formats that show dates or times (ja-JP locale ids 27–36 and 50–58 too). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

/** True when a custom format code shows a date or time: y, m, d, h or s outside literals. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/general/gi, '');
  return /[ymdhs]/i.test(bare);
}

/** Calls `each` for every tag of a small XML part (workbook, relationships, styles). */
function forEachTag(source: XmlSource, each: (tag: XmlTag) => void): boolean {
  const xml = source.xml;
  const tag = createTag();
  let at = 0;
  for (;;) {
    const lt = xml.indexOf('<', at);
    if (lt < 0) return true;
    if (!readTag(xml, lt, tag)) return false;
    each(tag);
    at = tag.end;
  }
}

type Failure = { readonly ok: false; readonly expected: string };

function readPart(archive: ZipArchive, path: string): XmlSource | Failure {
  const part = archive.read(path);
  return part.ok ? wholeXml(part.bytes) : part;
}

/** Resolves a relationship target against the directory of the part that holds it. */
function resolvePart(base: string, target: string): string {
  const segments = target.startsWith('/') ? [] : base.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.' && segment !== '') segments.push(segment);
  }
  return segments.join('/');
}

interface Relationship {
  readonly type: string;
  readonly path: string;
}

/** Relationships of `part` by id, with targets resolved; empty when it has none. */
function relationshipsOf(archive: ZipArchive, part: string): Map<string, Relationship> | Failure {
  const slash = part.lastIndexOf('/');
  const relsPath = `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
  const relationships = new Map<string, Relationship>();
  if (!archive.has(relsPath)) return relationships;
  const source = readPart(archive, relsPath);
  if ('ok' in source) return source;
  const complete = forEachTag(source, (tag) => {
    if (tag.kind !== 'open' || tag.name !== 'Relationship') return;
    const { Id, Type, Target, TargetMode } = attributesOf(source, tag);
    if (Id === undefined || Type === undefined || Target === undefined) return;
    if (TargetMode === 'External') return;
    relationships.set(Id, { type: Type, path: resolvePart(part, Target) });
  });
  return complete ? relationships : damaged;
}

function byType(relationships: Map<string, Relationship>, type: string): string | undefined {
  for (const relationship of relationships.values()) {
    if (relationship.type.endsWith(`/${type}`)) return relationship.path;
  }
  return undefined;
}

/** The sheets listed in the workbook part, in order, and its date system. */
function readWorkbook(source: XmlSource) {
  const sheets: { name: string; id: string }[] = [];
  let date1904 = false;
  const complete = forEachTag(source, (tag) => {
    if (tag.kind !== 'open') return;
    if (tag.name === 'workbookPr') {
      const flag = attributesOf(source, tag)['date1904'];
      date1904 = flag === '1' || flag === 'true';
    } else if (tag.name === 'sheet') {
      const attributes = attributesOf(source, tag);
      // The relationship id is `r:id` under whatever prefix the relationships namespace has.
      const idName = Object.keys(attributes).find((key) => /^[^:]+:id$/.test(key));
      const id = idName === undefined ? undefined : attributes[idName];
      if (attributes['name'] !== undefined && id !== undefined) {
        sheets.push({ name: attributes['name'], id });
      }
    }
  });
  return complete ? { sheets, date1904 } : undefined;
}

/**
 * Finds the named sheet (or the first worksheet, in workbook order) through the package and
 * workbook relationships, with the shared strings, styles and date system it uses.
 */
export function locateSheet(archive: ZipArchive, sheet: string | undefined): LocateSheetResult {
  const root = relationshipsOf(archive, '');
  if ('ok' in root) return root;
  const workbookPath = byType(root, 'officeDocument') ?? 'xl/workbook.xml';
  if (!archive.has(workbookPath)) return damaged;
  const source = readPart(archive, workbookPath);
  if ('ok' in source) return source;
  const workbook = readWorkbook(source);
  if (!workbook) return damaged;
  const relationships = relationshipsOf(archive, workbookPath);
  if ('ok' in relationships) return relationships;
  const worksheets = workbook.sheets.flatMap(({ name, id }) => {
    const relationship = relationships.get(id);
    return relationship?.type.endsWith('/worksheet') ? [{ name, path: relationship.path }] : [];
  });
  const found =
    sheet === undefined ? worksheets[0] : worksheets.find((candidate) => candidate.name === sheet);
  if (!found) {
    return {
      ok: false,
      expected:
        sheet === undefined ? 'expected at least one sheet' : `expected a sheet named ${sheet}`,
    };
  }
  return {
    ok: true,
    layout: {
      sheetPath: found.path,
      sharedStringsPath: byType(relationships, 'sharedStrings'),
      stylesPath: byType(relationships, 'styles'),
      date1904: workbook.date1904,
    },
  };
}

/** Shared strings in index order (rich-text runs joined, phonetic runs left out). */
export function readSharedStrings(bytes: Uint8Array, windowBytes?: number): string[] | undefined {
  const strings: string[] = [];
  const tag = createTag();
  const complete = scanXml(
    bytes,
    function feed(source, final) {
      const xml = source.xml;
      let at = 0;
      for (;;) {
        const lt = xml.indexOf('<', at);
        if (lt < 0) return xml.length;
        // `<si><t>text</t></si>`, the common shape, without the general tag loop.
        if (xml.startsWith('<si><t>', lt)) {
          const close = xml.indexOf('<', lt + 7);
          if (xml.startsWith('</t></si>', close)) {
            strings.push(decodeOoxmlEscapes(characterData(source, lt + 7, close)));
            at = close + 9;
            continue;
          }
        }
        if (!readTag(xml, lt, tag)) return final ? -1 : lt;
        at = tag.end;
        if (kindOf(tag) !== 'open' || tag.name !== 'si') continue;
        if (tag.selfClosing) {
          strings.push('');
          continue;
        }
        const text = readStringItem(source, at, tag);
        if (text === undefined) return final ? -1 : lt;
        strings.push(text);
        at = tag.end;
      }
    },
    windowBytes,
  );
  return complete ? strings : undefined;
}

/** For each cell style index (`s=` on a cell): does its number format show a date or time? */
export function readDateStyles(bytes: Uint8Array): boolean[] | undefined {
  const xml = wholeXml(bytes);
  const custom = new Map<number, string>();
  const dateStyles: boolean[] = [];
  let inCellXfs = false;
  const complete = forEachTag(xml, (tag) => {
    if (tag.name === 'cellXfs') inCellXfs = tag.kind === 'open' && !tag.selfClosing;
    if (tag.kind !== 'open') return;
    if (tag.name === 'numFmt') {
      const { numFmtId, formatCode } = attributesOf(xml, tag);
      if (numFmtId !== undefined && formatCode !== undefined) {
        custom.set(Number(numFmtId), formatCode);
      }
    } else if (tag.name === 'xf' && inCellXfs) {
      const id = Number(attributesOf(xml, tag)['numFmtId'] ?? 0);
      const code = custom.get(id);
      dateStyles.push(code === undefined ? BUILTIN_DATE_FORMATS.has(id) : isDateFormatCode(code));
    }
  });
  return complete ? dateStyles : undefined;
}
