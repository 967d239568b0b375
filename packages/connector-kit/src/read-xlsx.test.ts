import { describe, expect, it } from 'vitest';
import { PKG_REL, REL, inline, utf8, workbook } from './hand-written-workbook.fixture';
import { readTable } from './read-table';
import { readXlsx } from './read-xlsx';
import { writeZip } from './write-zip';
import { readSheet, type SheetContext } from './xlsx-sheet';
import { isDateFormatCode, readSharedStrings } from './xlsx-workbook';

function rowsOf(bytes: Uint8Array, sheet?: string) {
  const read = readXlsx(bytes, sheet);
  if (!read.ok) throw new Error(read.expected);
  return read.rows;
}

describe('readXlsx', () => {
  it('places cells by their references, drops empty rows and trailing empty cells', () => {
    const rows = rowsOf(
      workbook({
        sheetData: [
          `<row r="2">${inline('B2', 'b')}<c r="D2"><v>4</v></c><c r="F2" s="0"/></row>`,
          `<row r="5" spans="1:3"><c r="A5"><v>1</v></c><c r="C5"/></row>`,
          `<row r="6">${inline('A6', '')}<c r="B6"><v></v></c></row>`,
          `<row><c t="inlineStr"><is><t>x</t></is></c><c><v>2</v></c><c r="E7"><v>5</v></c><c><v>6</v></c></row>`,
          `<row r="9"/>`,
        ].join(''),
      }),
    );
    expect(rows).toEqual([
      { line: 2, cells: ['', 'b', '', '4'] },
      { line: 5, cells: ['1'] },
      { line: 7, cells: ['x', '2', '', '', '5', '6'] },
    ]);
  });

  it('reads shared strings: rich-text runs joined, phonetic runs left out, escapes decoded', () => {
    const strings = [
      '<si><t>plain</t></si>',
      '<si><r><rPr><b/><sz val="11"/></rPr><t>髙</t></r><r><t xml:space="preserve">橋 </t></r></si>',
      '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>',
      '<si><t xml:space="preserve"> a </t></si>',
      '<si><t>a_x000D__x000a_b_x005F_x0041_</t></si>',
      '<si><t>&lt;&amp;&gt;&quot;&apos;&#26481;&#x4EAC;&#x1F600;</t></si>',
      '<si/>',
      '<si><t/></si>',
      '<si>\n  <t>pretty</t>\n</si>',
    ];
    const cells = strings.map(
      (_, i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`,
    );
    const rows = rowsOf(workbook({ strings, sheetData: `<row r="1">${cells.join('')}</row>` }));
    expect(rows[0]?.cells).toEqual([
      'plain',
      '髙橋 ',
      '東京',
      ' a ',
      'a\r\nb_x0041_',
      '<&>"\'東京😀',
      '',
      '',
      'pretty',
    ]);
  });

  it('reads inline strings, rich inline strings, CDATA, comments and line breaks', () => {
    const rows = rowsOf(
      workbook({
        sheetData: [
          '<row r="1">',
          inline('A1', 'x&amp;y&#10;z'),
          '<c r="B1" t="inlineStr"><is><r><t>a</t></r><r><rPr/><t>b</t></r></is></c>',
          '<c r="C1" t="inlineStr"><is><t><![CDATA[<b>&amp;]]></t></is></c>',
          '<c r="D1"><v>1<!-- note -->2</v></c>',
          inline('E1', 'one\r\ntwo\rthree'),
          '<c r="F1" t="inlineStr"><is><t>カナ</t><rPh sb="0" eb="1"><t>ﾌﾘｶﾞﾅ</t></rPh></is></c>',
          inline('G1', 'tab\there_x0009_'),
          '</row>',
        ].join(''),
      }),
    );
    expect(rows[0]?.cells).toEqual([
      'x&y\nz',
      'ab',
      '<b>&amp;',
      '12',
      'one\ntwo\nthree',
      'カナ',
      'tab\there\t',
    ]);
  });

  it('reads numbers, booleans, errors and cached formula results', () => {
    const values = [
      '<c r="A1"><v>1.50</v></c>',
      '<c r="B1"><v>1E+21</v></c>',
      '<c r="C1" t="n"><v>-0.25</v></c>',
      '<c r="D1"><v>007</v></c>',
      '<c r="E1"><v>1234567897</v></c>',
      '<c r="F1" t="b"><v>1</v></c>',
      '<c r="G1" t="b"><v>0</v></c>',
      '<c r="H1" t="e"><v>#N/A</v></c>',
      '<c r="I1" t="str"><f>A1&amp;B1</f><v>a&amp;b</v></c>',
      '<c r="J1"><f>1+1</f><v>2</v></c>',
      '<c r="K1"><f>NOW()</f></c>',
      '<c r="L1" t="d"><v>2024-04-01T00:00:00Z</v></c>',
      '<c r="M1"><v>0.1</v></c>',
      '<c r="N1"><v>1.5E-7</v></c>',
      '<c r="O1"><f>A1-A1</f><v>0</v></c>',
      '<c r="P1" t="b"><f>FALSE()</f><v>0</v></c>',
    ];
    const rows = rowsOf(workbook({ sheetData: `<row r="1">${values.join('')}</row>` }));
    expect(rows[0]?.cells).toEqual([
      '1.5',
      '1000000000000000000000',
      '-0.25',
      '7',
      '1234567897',
      'TRUE',
      'FALSE',
      '#N/A',
      'a&b',
      '2',
      '',
      '2024-04-01',
      '0.1',
      '0.00000015',
      '0',
      'FALSE',
    ]);
  });

  const styles = [
    '<numFmts count="4">',
    '<numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/>',
    '<numFmt numFmtId="177" formatCode="#,##0&quot;日&quot;"/>',
    '<numFmt numFmtId="178" formatCode="[$-411]ggge&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>',
    '<numFmt numFmtId="179" formatCode="0.00E+00;[Red]\\-0"/>',
    '</numFmts>',
    '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>',
    '<cellXfs count="9">',
    '<xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="176"><alignment/></xf>',
    '<xf numFmtId="177"/><xf numFmtId="57"/><xf numFmtId="20"/><xf numFmtId="49"/>',
    '<xf numFmtId="178"/><xf numFmtId="179"/>',
    '</cellXfs>',
  ].join('');

  it('reads date-formatted numbers as YYYY-MM-DD, built-in and custom formats', () => {
    const cells = [
      '<c r="A1" s="1"><v>45383</v></c>',
      '<c r="B1" s="2"><v>43556.75</v></c>',
      '<c r="C1" s="3"><v>12</v></c>',
      '<c r="D1" s="4"><v>45383</v></c>',
      '<c r="E1" s="5"><v>0.5</v></c>',
      '<c r="F1" s="6"><v>5</v></c>',
      '<c r="G1" s="7"><v>44197</v></c>',
      '<c r="H1" s="8"><v>44197</v></c>',
      '<c r="I1" s="1"><f>A1</f><v>36526</v></c>',
      '<c r="J1" s="0"><v>45383</v></c>',
      '<c r="K1" s="99"><v>45383</v></c>',
    ];
    const rows = rowsOf(workbook({ styles, sheetData: `<row r="1">${cells.join('')}</row>` }));
    expect(rows[0]?.cells).toEqual([
      '2024-04-01',
      '2019-04-01',
      '12',
      '2024-04-01',
      '1899-12-30',
      '5',
      '2021-01-01',
      '44197',
      '2000-01-01',
      '45383',
      '45383',
    ]);
  });

  it('counts 1900 dates with Excel’s leap-year bug, and honours the 1904 date system', () => {
    const serials = [1, 59, 60, 61];
    const sheetData = `<row r="1">${serials.map((v, i) => `<c r="${String.fromCharCode(65 + i)}1" s="1"><v>${v}</v></c>`).join('')}</row>`;
    expect(rowsOf(workbook({ styles, sheetData }))[0]?.cells).toEqual([
      '1900-01-01',
      '1900-02-28',
      '1900-02-29',
      '1900-03-01',
    ]);
    const in1904 = workbook({
      styles,
      workbookPr: '<workbookPr date1904="1"/>',
      sheetData: '<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>43556</v></c></row>',
    });
    expect(rowsOf(in1904)[0]?.cells).toEqual(['1904-01-01', '2023-04-02']);
  });

  it('tells date formats from number formats', () => {
    for (const code of ['yyyy/mm/dd', 'm/d', 'h:mm', '[h]:mm:ss', 'ge.m.d', 'D-MMM-YY']) {
      expect(isDateFormatCode(code), code).toBe(true);
    }
    for (const code of [
      'General',
      '0.00',
      '#,##0"日"',
      '0.00E+00',
      '[Red]#,##0',
      '@',
      '0\\d',
      '_-* #',
    ]) {
      expect(isDateFormatCode(code), code).toBe(false);
    }
  });

  it('gives every cell of a merged range its top-left text', () => {
    const rows = rowsOf(
      workbook({
        sheetData: [
          `<row r="1">${inline('A1', '見出し')}<c r="B1"/><c r="C1"/></row>`,
          `<row r="2">${inline('A2', 'id')}${inline('B2', 'n')}${inline('C2', 'memo')}</row>`,
          `<row r="3">${inline('A3', 'x')}<c r="B3"><v>1</v></c></row>`,
          `<row r="4"><c r="B4"><v>2</v></c></row>`,
          `<row r="6">${inline('C6', 'lost')}</row>`,
        ].join(''),
        after:
          '<mergeCells count="4"><mergeCell ref="A1:C1"/><mergeCell ref="A3:A5"/><mergeCell ref="B6:C6"/><mergeCell ref="D1:D1048576"/></mergeCells>',
      }),
    );
    expect(rows).toEqual([
      { line: 1, cells: ['見出し', '見出し', '見出し'] },
      { line: 2, cells: ['id', 'n', 'memo'] },
      { line: 3, cells: ['x', '1'] },
      { line: 4, cells: ['x', '2'] },
      { line: 5, cells: ['x'] },
    ]);
  });

  it('reads prefixed element names, pretty-printed XML and rows out of order', () => {
    const sheet = [
      '<x:row r="3">\n  <x:c r="A3" t="inlineStr">\n    <x:is><x:t>late</x:t></x:is>\n  </x:c>\n</x:row>',
      '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>',
      '<x:row r="3"><x:c r="B3"><x:v>2</x:v></x:c></x:row>',
    ].join('\n');
    const rows = rowsOf(workbook({ sheetData: sheet }));
    expect(rows).toEqual([
      { line: 1, cells: ['1'] },
      { line: 3, cells: ['late', '2'] },
    ]);
  });

  it('finds a sheet by name (entities decoded) and skips chart sheets for the first sheet', () => {
    const files = {
      '_rels/.rels': `<Relationships xmlns="${PKG_REL}"><Relationship Id="r" Type="${REL}/officeDocument" Target="/book/main.xml"/></Relationships>`,
      'book/main.xml': `<workbook xmlns:rel="${REL}"><workbookPr/><sheets><sheet name="グラフ" rel:id="c1"/><sheet name="A&amp;B" sheetId="2" rel:id="s1"/><sheet name="名簿" rel:id="s2"/></sheets></workbook>`,
      'book/_rels/main.xml.rels': `<Relationships xmlns="${PKG_REL}"><Relationship Id="c1" Type="${REL}/chartsheet" Target="charts/c.xml"/><Relationship Id="s1" Type="${REL}/worksheet" Target="./sheets/../sheets/one.xml"/><Relationship Id="s2" Type="${REL}/worksheet" Target="/book/sheets/two.xml"/><Relationship Id="x" Type="${REL}/hyperlink" Target="https://example.org" TargetMode="External"/></Relationships>`,
      'book/sheets/one.xml': `<worksheet><sheetData><row r="1">${inline('A1', 'one')}</row></sheetData></worksheet>`,
      'book/sheets/two.xml': `<worksheet><sheetData><row r="1">${inline('A1', 'two')}</row></sheetData></worksheet>`,
    };
    const bytes = writeZip(
      Object.entries(files).map(([name, text]) => ({ name, data: utf8(text) })),
    );
    expect(rowsOf(bytes)[0]?.cells).toEqual(['one']);
    expect(rowsOf(bytes, 'A&B')[0]?.cells).toEqual(['one']);
    expect(rowsOf(bytes, '名簿')[0]?.cells).toEqual(['two']);
    expect(readXlsx(bytes, 'グラフ')).toEqual({
      ok: false,
      expected: 'expected a sheet named グラフ',
    });
  });

  it('reads a workbook whose bytes are a view into a larger buffer', async () => {
    const bytes = workbook({
      sheetData: `<row r="1">${inline('A1', 'h')}</row><row r="2"><c r="A2"><v>1</v></c></row>`,
    });
    const padded = Buffer.concat([Buffer.from('garbage before'), bytes, Buffer.from('after')]);
    const view = padded.subarray(14, 14 + bytes.length);
    const table = await readTable({ file: 'view.xlsx', bytes: view });
    expect(table.issues).toEqual([]);
    expect(table.rows).toEqual([{ line: 2, cells: ['1'] }]);
  });
});

describe('readXlsx on damaged workbooks', () => {
  const good = workbook({
    strings: ['<si><t>a</t></si>'],
    sheetData: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
  });
  const damaged = 'expected a readable XLSX workbook (the file is damaged)';

  it('reports truncation, garbage and altered bytes, never throwing', () => {
    for (let cut = 0; cut < good.length; cut += 7) {
      const read = readXlsx(good.subarray(0, cut));
      expect(read.ok, `cut at ${cut}`).toBe(false);
    }
    expect(readXlsx(utf8('PK\u0003\u0004 not really a zip'))).toEqual({
      ok: false,
      expected: damaged,
    });
    // Flip one byte in each entry's data: inflate fails or the CRC-32 no longer matches.
    let rejected = 0;
    for (let at = 30; at < good.length - 22; at += 3) {
      const altered = good.slice();
      altered[at] = (altered[at] ?? 0) ^ 0x55;
      const read = readXlsx(altered);
      if (!read.ok) rejected++;
      else expect(read.rows).toEqual([{ line: 1, cells: ['a'] }]);
    }
    expect(rejected).toBeGreaterThan(0);
  });

  it('reports a missing part, a bad shared string index and malformed sheet XML', () => {
    const noSheet = writeZip([
      { name: 'xl/workbook.xml', data: utf8('<workbook><sheets/></workbook>') },
    ]);
    expect(readXlsx(noSheet)).toEqual({ ok: false, expected: 'expected at least one sheet' });
    expect(readXlsx(writeZip([]))).toEqual({ ok: false, expected: damaged });
    const badIndex = workbook({
      strings: [],
      sheetData: '<row r="1"><c r="A1" t="s"><v>3</v></c></row>',
    });
    expect(readXlsx(badIndex)).toEqual({
      ok: false,
      expected: 'expected shared string references within the workbook',
    });
    const malformed = {
      ok: false,
      expected: 'expected well-formed sheet XML (the file is damaged)',
    };
    for (const sheetData of [
      '<row r="1"><c r="A1"><v>1</v>',
      '<row r="0"><c r="A1"><v>1</v></c></row>',
      '<row r="1"><c r="XFE1"><v>1</v></c></row>',
      '<row r="1"><c r=A1><v>1</v></c></row>',
    ]) {
      expect(readXlsx(workbook({ sheetData })), sheetData).toEqual(malformed);
    }
  });

  it('reports encrypted and unsupported entries', () => {
    const encrypted = good.slice();
    const view = new DataView(encrypted.buffer);
    // Set the encryption flag of every central directory entry.
    for (let at = 0; at + 4 <= encrypted.length; at++) {
      if (view.getUint32(at, true) === 0x02014b50) view.setUint16(at + 8, 0x0801, true);
    }
    expect(readXlsx(encrypted)).toEqual({
      ok: false,
      expected: 'expected an unencrypted XLSX workbook',
    });
  });
});

describe('the sheet and shared string scanners', () => {
  const context: SheetContext = {
    sharedStrings: ['s0', 's1'],
    dateStyles: [false, true],
    date1904: false,
  };
  const sheet = utf8(
    [
      '<?xml version="1.0"?><!-- comment --><worksheet><sheetData>',
      `<row r="1">${inline('A1', '髙橋 一郎')}<c r="B1" t="s"><v>1</v></c><c r="C1" s="1"><v>45383</v></c></row>`,
      `<row r="2"><c r="A2" t="inlineStr"><is><r><t>ﾀｶﾊｼ</t></r><r><t>&amp;😀</t></r></is></c><c r="C2"><v>3.25</v></c></row>`,
      '<row r="3"><c r="B3" t="str"><f>x</f><v>a&lt;b</v></c></row>',
      '</sheetData><mergeCells><mergeCell ref="C2:D2"/></mergeCells></worksheet>',
    ].join('\n'),
  );

  it('gives the same rows whatever the window size, constructs split anywhere', () => {
    const whole = readSheet(sheet, context);
    expect(whole).toEqual({
      ok: true,
      rows: [
        { line: 1, cells: ['髙橋 一郎', 's1', '2024-04-01'] },
        { line: 2, cells: ['ﾀｶﾊｼ&😀', '', '3.25', '3.25'] },
        { line: 3, cells: ['', 'a<b'] },
      ],
    });
    for (let window = 1; window <= 64; window++) {
      expect(readSheet(sheet, context, window), `window ${window}`).toEqual(whole);
    }
  });

  it('reads shared strings the same whatever the window size', () => {
    const sst = utf8(
      '<sst><si><t>一</t></si><si><r><t>二</t></r><r><t>三</t></r></si><si><t xml:space="preserve"> 四 </t><rPh><t>よん</t></rPh></si></sst>',
    );
    const whole = readSharedStrings(sst);
    expect(whole).toEqual(['一', '二三', ' 四 ']);
    for (let window = 1; window <= 32; window++)
      expect(readSharedStrings(sst, window)).toEqual(whole);
    expect(readSharedStrings(utf8('<sst><si><t>cut'))).toBeUndefined();
  });

  it('rejects UTF-16 XML and sheet XML cut between rows', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x3c, 0x00]);
    expect(readSheet(utf16, context).ok).toBe(false);
    const cut = utf8('<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>');
    expect(readSheet(cut, context).ok).toBe(false);
    expect(readSheet(utf8('<worksheet><sheetData/></worksheet>'), context)).toEqual({
      ok: true,
      rows: [],
    });
  });
});
