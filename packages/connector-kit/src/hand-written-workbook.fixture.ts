/** Workbooks written by hand, part by part, for tests of the XLSX reader. */
import { writeZip } from './write-zip';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
/** UTF-8 bytes of a text. */
export const utf8 = (text: string) => new TextEncoder().encode(text);

/** The XML of a one-sheet workbook's parts; `after` follows `sheetData` (merges). */
export interface Parts {
  readonly sheetData: string;
  readonly strings?: string[];
  readonly styles?: string;
  readonly workbookPr?: string;
  readonly after?: string;
}

/** A one-sheet workbook from hand-written XML, the way other writers lay it out. */
export function workbook(parts: Parts): Uint8Array {
  const rels = [`<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>`];
  const files = [
    {
      name: '_rels/.rels',
      text: `<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      text: `<workbook xmlns="${MAIN}" xmlns:r="${REL}">${parts.workbookPr ?? ''}<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      text: `<worksheet xmlns="${MAIN}"><sheetData>${parts.sheetData}</sheetData>${parts.after ?? ''}</worksheet>`,
    },
  ];
  if (parts.strings) {
    rels.push(`<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
    files.push({
      name: 'xl/sharedStrings.xml',
      text: `<sst xmlns="${MAIN}">${parts.strings.join('')}</sst>`,
    });
  }
  if (parts.styles) {
    rels.push(`<Relationship Id="rId3" Type="${REL}/styles" Target="/xl/styles.xml"/>`);
    files.push({
      name: 'xl/styles.xml',
      text: `<styleSheet xmlns="${MAIN}">${parts.styles}</styleSheet>`,
    });
  }
  files.push({
    name: 'xl/_rels/workbook.xml.rels',
    text: `<Relationships xmlns="${PKG_REL}">${rels.join('')}</Relationships>`,
  });
  return writeZip(files.map(({ name, text }) => ({ name, data: utf8(text) })));
}

/** An inline-string cell. */
export const inline = (ref: string, text: string) =>
  `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
