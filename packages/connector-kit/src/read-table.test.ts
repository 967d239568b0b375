import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodeCsv } from './encode-csv';
import { createExampleConnector, exampleRows } from './example-connector.fixture';
import { readTable, readTableEach, type TableRow } from './read-table';
import { runConnector } from './run-connector';
import { writeXlsx } from './write-xlsx';

const sjis = (text: string) => new Uint8Array(iconv.encode(text, 'cp932'));
const utf8 = (text: string) => new TextEncoder().encode(text);

function concat(...parts: (Uint8Array | number[])[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

describe('readTable (CSV)', () => {
  it('detects CP932, UTF-8 and UTF-8 with BOM', async () => {
    const text = '氏名,ﾌﾘｶﾞﾅ\r\n髙橋 一郎,ﾀｶﾊｼ\r\n';
    const cp932 = await readTable({ file: 'a.csv', bytes: sjis(text) });
    const plain = await readTable({ file: 'b.csv', bytes: utf8(text) });
    const bom = await readTable({ file: 'c.csv', bytes: concat([0xef, 0xbb, 0xbf], utf8(text)) });
    expect([cp932.encoding, plain.encoding, bom.encoding]).toEqual(['cp932', 'utf-8', 'utf-8-bom']);
    for (const table of [cp932, plain, bom]) {
      expect(table.header).toEqual(['氏名', 'ﾌﾘｶﾞﾅ']);
      expect(table.rows).toEqual([{ line: 2, cells: ['髙橋 一郎', 'ﾀｶﾊｼ'] }]);
      expect(table.issues).toEqual([]);
    }
  });

  it('honours an encoding override', async () => {
    const table = await readTable(
      { file: 'a.csv', bytes: sjis('名\r\n一郎\r\n') },
      { encoding: 'utf-8' },
    );
    expect(table.encoding).toBe('utf-8');
    expect(table.issues.map((i) => i.code)).toEqual(['undecodable', 'undecodable']);
  });

  it('reports an undecodable CP932 byte at its physical line inside a quoted multi-line field', async () => {
    const bytes = concat(
      sjis('番号,メモ,日付\r\n1,"一行目\r\n二行目'),
      [0x81, 0x20],
      sjis('三行目\r\n四行目",R7.4.1\r\n2,ok,R7.4.2\r\n'),
    );
    const table = await readTable({ file: 'memo.csv', bytes });
    expect(table.encoding).toBe('cp932');
    expect(table.issues).toEqual([
      {
        file: 'memo.csv',
        line: 3,
        column: 2,
        code: 'undecodable',
        message: 'expected text encoded as cp932; a byte sequence could not be decoded',
      },
    ]);
    expect(table.rows.map((r) => r.line)).toEqual([2, 5]);
  });

  it('keeps the structure around a bad lead byte before a delimiter', async () => {
    const bytes = concat(sjis('a,b\r\n'), [0x81], sjis(',x\r\ny,z\r\n'));
    const table = await readTable({ file: 'x.csv', bytes });
    expect(table.issues.map((i) => [i.line, i.column, i.code])).toEqual([[2, 1, 'undecodable']]);
    expect(table.rows[1]).toEqual({ line: 3, cells: ['y', 'z'] });
  });

  it('ignores leading and trailing blank lines', async () => {
    const table = await readTable({
      file: 'a.csv',
      bytes: utf8('\r\na,b\r\n1,2\r\n\r\n\r\n,\r\n'),
    });
    expect(table.headerLine).toBe(2);
    expect(table.rows).toEqual([{ line: 3, cells: ['1', '2'] }]);
  });

  it('reports an empty file', async () => {
    for (const bytes of [new Uint8Array(), utf8('\r\n\r\n'), new Uint8Array([0xef, 0xbb, 0xbf])]) {
      const table = await readTable({ file: 'e.csv', bytes });
      expect(table.issues.map((i) => i.code)).toEqual(['empty_file']);
      expect(table.headerLine).toBe(0);
    }
  });

  it('reports a header without data rows as empty_file at the header line, keeping the header', async () => {
    for (const bytes of [sjis('氏名,年齢\r\n'), utf8('\r\n氏名,年齢\r\n\r\n,\r\n')]) {
      const table = await readTable({ file: 'h.csv', bytes });
      expect(table.header).toEqual(['氏名', '年齢']);
      expect(table.rows).toEqual([]);
      expect(table.issues).toEqual([
        {
          file: 'h.csv',
          line: table.headerLine,
          column: 0,
          code: 'empty_file',
          message: 'expected a header row followed by data rows; found no data rows',
        },
      ]);
    }
    const xlsx = await writeXlsx([{ name: 's', rows: [[], ['氏名', '年齢'], [null, null]] }]);
    const sheet = await readTable({ file: 'h.xlsx', bytes: xlsx });
    expect(sheet.issues).toMatchObject([{ code: 'empty_file', line: 2, column: 0 }]);
    // A connector run stops there: one problem, no missing_column, no records.
    const run = await runConnector(createExampleConnector(), {
      file: 'h.csv',
      bytes: encodeCsv(exampleRows(0), { encoding: 'cp932' }),
    });
    expect(run.records).toEqual([]);
    expect(run.issues.map((i) => `${i.line}:${i.column} ${i.code}`)).toEqual(['1:0 empty_file']);
  });

  it('skips a trailing Ctrl-Z and whitespace-only last lines, and only trailing ones', async () => {
    const connector = createExampleConnector();
    const csv = encodeCsv(exampleRows(3), { encoding: 'cp932' });
    const lastLine = (await readTable({ file: 'z.csv', bytes: csv })).rows.at(-1)?.line;
    for (const tail of [
      [0x1a],
      [0x1a, 0x0d, 0x0a],
      [0x0d, 0x0a, 0x1a],
      [0x20, 0x20, 0x0d, 0x0a],
      [0x09, 0x2c, 0x81, 0x40],
    ]) {
      const run = await runConnector(connector, { file: 'z.csv', bytes: concat(csv, tail) });
      expect(run.issues, `tail ${tail.join(' ')}`).toEqual([]);
      expect(run.records.map((r) => r.line).at(-1)).toBe(lastLine);
    }
    // Ctrl-Z right after the last cell (no final line break) is not part of the cell.
    const table = await readTable({ file: 'z.csv', bytes: utf8('a,b\r\n1,2\u001a\u001a') });
    expect(table.rows).toEqual([{ line: 2, cells: ['1', '2'] }]);
    // A whitespace-only line between data rows is still a row with the wrong number of cells.
    const middle = await runConnector(connector, {
      file: 'm.csv',
      bytes: encodeCsv([...exampleRows(2).slice(0, 2), [' '], ...exampleRows(2).slice(2)], {
        encoding: 'cp932',
      }),
    });
    expect(middle.issues.map((i) => `${i.line}:${i.column} ${i.code}`)).toEqual(['4:0 bad_format']);
  });

  it('reports more undecodable cells than a call has room for arguments', async () => {
    const lines = 200_000;
    const bytes = new Uint8Array(3 + lines * 4);
    bytes.set([0x61, 0x0d, 0x0a]);
    for (let i = 0; i < lines; i++) bytes.set([0x81, 0x20, 0x0d, 0x0a], 3 + i * 4);
    const table = await readTable({ file: 'many.csv', bytes });
    expect(table.encoding).toBe('cp932');
    expect(table.issues).toHaveLength(lines);
    expect(table.issues[lines - 1]).toMatchObject({
      line: lines + 1,
      column: 1,
      code: 'undecodable',
    });
  });

  it('reads UTF-8 without BOM holding one bad byte as UTF-8, with one undecodable problem', async () => {
    const connector = createExampleConnector();
    const rows = exampleRows(30);
    rows[10]![2] = 'スズキ\u0007ハナ';
    const bytes = encodeCsv(rows, { encoding: 'utf-8' });
    const at = bytes.indexOf(0x07);
    bytes[at] = 0xff;
    const line = (await readTable({ file: 'u.csv', bytes: encodeCsv(rows, { encoding: 'utf-8' }) }))
      .rows[9]?.line;
    const run = await runConnector(connector, { file: 'u.csv', bytes });
    expect(run.encoding).toBe('utf-8');
    expect(run.issues).toEqual([
      {
        file: 'u.csv',
        line,
        column: 3,
        code: 'undecodable',
        message: 'expected text encoded as utf-8; a byte sequence could not be decoded',
      },
    ]);
    // CP932 with the same rows (and bad bytes of its own) stays CP932.
    const cp932 = concat(encodeCsv(rows.slice(0, 20), { encoding: 'cp932' }), [0x81, 0x20]);
    expect((await readTable({ file: 'c.csv', bytes: cp932 })).encoding).toBe('cp932');
  });

  it('reports an unterminated quote as bad_format', async () => {
    const table = await readTable({ file: 'q.csv', bytes: utf8('a,b\n1,"2\n3,4\n') });
    expect(table.issues).toMatchObject([{ code: 'bad_format', line: 2, column: 2 }]);
  });

  it('reads CP932 private-use 外字 (EUDC) as private-use code points', async () => {
    const bytes = encodeCsv([['氏名'], ['\ue000田']], { encoding: 'cp932' });
    const table = await readTable({ file: 'g.csv', bytes });
    expect(table.encoding).toBe('cp932');
    expect(table.rows[0]?.cells).toEqual(['\ue000田']);
  });
});

describe('readTable (XLSX)', () => {
  it('round-trips writeXlsx: header is the first non-empty row, numbers as plain text', async () => {
    const bytes = await writeXlsx([
      { name: 'other', rows: [['x']] },
      {
        name: '名簿',
        rows: [
          [],
          ['宛名番号', '氏名', '日数', '備考'],
          ['0012345678', '髙橋', 12, null],
          [1234567897, 'ﾀﾛｳ', 0.5, 'a,"b"\nc'],
          [null, null, null, null],
          ['1e21', null, 1e21, null],
        ],
      },
    ]);
    const table = await readTable({ file: 'r.xlsx', bytes }, { sheet: '名簿' });
    expect(table.encoding).toBe('xlsx');
    expect(table.issues).toEqual([]);
    expect(table.headerLine).toBe(2);
    expect(table.header).toEqual(['宛名番号', '氏名', '日数', '備考']);
    expect(table.rows).toEqual([
      { line: 3, cells: ['0012345678', '髙橋', '12', ''] },
      { line: 4, cells: ['1234567897', 'ﾀﾛｳ', '0.5', 'a,"b"\nc'] },
      { line: 6, cells: ['1e21', '', '1000000000000000000000', ''] },
    ]);
    const first = await readTable({ file: 'r.xlsx', bytes });
    expect(first.header).toEqual(['x']);
  });

  it('reports a truncated workbook or a missing sheet as bad_file', async () => {
    const bytes = await writeXlsx([{ name: 's', rows: [['a'], ['1']] }]);
    const truncated = await readTable({ file: 't.xlsx', bytes: bytes.slice(0, bytes.length >> 1) });
    expect(truncated.issues).toMatchObject([{ code: 'bad_file', line: 0, column: 0 }]);
    const missing = await readTable({ file: 't.xlsx', bytes }, { sheet: 'nope' });
    expect(missing.issues).toMatchObject([
      { code: 'bad_file', message: 'expected a sheet named nope' },
    ]);
    const garbage = await readTable(
      { file: 'g.xlsx', bytes: utf8('not a zip') },
      { format: 'xlsx' },
    );
    expect(garbage.issues.map((i) => i.code)).toEqual(['bad_file']);
  });

  it('writes the same bytes for the same sheets', async () => {
    const sheets = [{ name: 'a', rows: [['x', 1]] }];
    const a = await writeXlsx(sheets);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(Buffer.from(await writeXlsx(sheets)).equals(Buffer.from(a))).toBe(true);
  });
});

describe('readTableEach', () => {
  async function visit(text: string): Promise<{ events: string[]; issues: string[] }> {
    const events: string[] = [];
    const read = await readTableEach(
      { file: 'e.csv', bytes: utf8(text) },
      {},
      {
        header: (cells, line) => events.push(`header ${line} ${cells.join('|')}`),
        row: (row: TableRow) => events.push(`row ${row.line} ${row.cells.join('|')}`),
      },
    );
    expect(read.rowCount).toBe(events.filter((e) => e.startsWith('row')).length);
    return { events, issues: read.issues.map((i) => `${i.line}:${i.column} ${i.code}`) };
  }

  it('hands on the header first, then the rows in order; filler rows only when data follows', async () => {
    expect(await visit('\r\na,b\r\n1,2\r\n \r\n\r\n3,4\r\n \r\n\u001a')).toEqual({
      events: ['header 2 a|b', 'row 3 1|2', 'row 4  ', 'row 5 ', 'row 6 3|4'],
      issues: [],
    });
  });

  it('hands on nothing for a file without data rows, and says where', async () => {
    expect(await visit('a,b\r\n \r\n')).toEqual({ events: [], issues: ['1:0 empty_file'] });
    expect(await visit(' \r\n\t\r\n')).toEqual({ events: [], issues: ['0:0 empty_file'] });
    expect(await visit('')).toEqual({ events: [], issues: ['0:0 empty_file'] });
  });
});
