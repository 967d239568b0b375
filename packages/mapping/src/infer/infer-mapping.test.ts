import { encodeCsv, writeXlsx } from '@mimamori/connector-kit';
import { makeResidentNumber } from '@mimamori/identity';
import { generateVillage } from '@mimamori/village';
import { describe, expect, it } from 'vitest';
import { makeChildrensHallSample } from '../childrens-hall-sample';
import { createMappedConnector } from '../mapped-connector';
import { inferMapping } from './infer-mapping';
import { detectDelimiter, findHeaderRow } from './sample-table';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('sample layout detection', () => {
  it('finds the delimiter by consistency, ignoring delimiters inside quotes', () => {
    expect(detectDelimiter('a\tb\tc\n1\t"x,y"\t3\n4\t5,5\t6\n')).toBe('\t');
    expect(detectDelimiter('a;b;c\n1;2;3\n')).toBe(';');
    expect(detectDelimiter('a,b,"c;d"\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('title only\n')).toBe(',');
  });

  it('reads a quote inside a field as a character when finding the delimiter', () => {
    // Read as opening quotes, these bare quotes would hide the tabs of whole lines.
    const sample = ['備考\t金額', '5"x\t1', '5"x\t5"x', '5"x\t1,000', '1,000\t1', ''].join('\n');
    expect(detectDelimiter(sample)).toBe('\t');
  });

  it('skips title rows to the first mostly-text row', () => {
    const rows = [
      ['児童館来館記録'],
      ['令和7年度', ''],
      ['氏名', '来館日数', '最終来館日'],
      ['山田', '3', 'R7.4.1'],
    ];
    expect(findHeaderRow(rows)).toBe(2);
    expect(
      findHeaderRow([
        ['1', '2', '3'],
        ['氏名', '年齢', 'メモ'],
        ['a', '1', 'b'],
      ]),
    ).toBe(1);
  });

  it('detects CP932, UTF-8 with BOM and XLSX, tab delimiter and a late header row', async () => {
    const rows = [
      ['氏名', 'フリガナ', '来館日数'],
      ['山田　花子', 'ﾔﾏﾀﾞ ﾊﾅｺ', '3'],
      ['鈴木　一郎', 'スズキ イチロウ', '12'],
    ];
    const cp932 = await inferMapping({
      file: 'a.csv',
      bytes: encodeCsv(rows, { encoding: 'cp932' }),
    });
    expect(cp932.sample).toMatchObject({
      format: 'csv',
      encoding: 'cp932',
      delimiter: ',',
      headerRow: 1,
      rows: 2,
    });
    expect(cp932.mapping.file).toEqual({
      format: 'csv',
      encoding: 'cp932',
      delimiter: ',',
      headerRow: 1,
    });
    const bom = await inferMapping({
      file: 'a.csv',
      bytes: encodeCsv(rows, { encoding: 'utf-8-bom' }),
    });
    expect(bom.sample.encoding).toBe('utf-8-bom');
    const tsv = `来館記録\r\n\r\n${rows.map((r) => r.join('\t')).join('\r\n')}\r\n`;
    const tab = await inferMapping({ file: 'a.tsv', bytes: utf8(tsv) });
    expect(tab.sample).toMatchObject({ delimiter: '\t', headerRow: 3, rows: 2 });
    expect(tab.mapping.columns.map((c) => c.identityField ?? c.fact?.type)).toEqual([
      'name',
      'kana',
      'number',
    ]);
    const xlsx = await inferMapping({
      file: 'a.xlsx',
      bytes: await writeXlsx([{ name: 'S', rows }]),
    });
    expect(xlsx.mapping.file).toEqual({ format: 'xlsx', encoding: 'auto', headerRow: 1 });
  });
});

describe('column types and identity proposals', () => {
  const header = [
    '番号',
    '宛名',
    '生まれ',
    '区分',
    'メモ',
    '登録',
    '身長',
    '利用',
    '最終利用日',
    '性',
  ];
  const rows = Array.from({ length: 40 }, (_, i) => [
    i === 0 ? '123' : makeResidentNumber(1000 + i),
    `山田\u3000${'一二三四五六七八九十'[i % 10]}${'郎子美花'[Math.floor(i / 10)]}`,
    `平成${20 + (i % 10)}年${1 + (i % 12)}月${1 + (i % 28)}日`,
    ['A', 'B', 'C'][i % 3]!,
    `今日は${'晴雨曇'[i % 3]}。${i}回目の来館、友達と遊んだ`,
    i % 4 === 0 ? '○' : '',
    `${120 + (i % 30)}.5`,
    i % 2 === 0 ? '有' : '無',
    `令和7年${1 + (i % 12)}月1日`,
    i % 2 === 0 ? '男' : '女',
  ]);
  const bytes = encodeCsv([header, ...rows], { encoding: 'cp932' });

  it('reads values, not headers: check digits, names, birth span, ○/blank, 有/無, decimals, free text', async () => {
    const { mapping, columns } = await inferMapping(
      { file: 'x.csv', bytes },
      { name: 'kids-club', today: '2026-04-01' },
    );
    const byHeader = Object.fromEntries(mapping.columns.map((c) => [c.header, c]));
    expect(byHeader['番号']).toMatchObject({
      role: 'identity',
      identityField: 'residentNumber',
      personal: true,
    });
    expect(byHeader['宛名']).toMatchObject({ role: 'identity', identityField: 'name' });
    expect(byHeader['生まれ']).toMatchObject({
      role: 'identity',
      identityField: 'birthDate',
      dateFormat: 'wareki',
    });
    expect(byHeader['性']).toMatchObject({ role: 'identity', identityField: 'sex' });
    expect(byHeader['区分']?.fact).toMatchObject({
      id: 'kidsClub.col4',
      type: 'code',
      codes: { A: 'A', B: 'B', C: 'C' },
    });
    expect(byHeader['メモ']).toEqual({
      header: 'メモ',
      role: 'personal',
      required: true,
      personal: true,
    });
    expect(byHeader['登録']?.fact).toMatchObject({
      type: 'boolean',
      boolean: { true: ['○'], false: ['×', ''] },
    });
    expect(byHeader['身長']?.fact).toMatchObject({ type: 'number', min: 0 });
    expect(byHeader['身長']?.fact?.integer).toBeUndefined();
    expect(byHeader['利用']?.fact).toMatchObject({
      type: 'boolean',
      boolean: { true: ['有'], false: ['無'] },
    });
    expect(byHeader['最終利用日']).toMatchObject({
      role: 'fact',
      dateFormat: 'wareki',
      fact: { type: 'date', label: { ja: '最終利用日', en: 'Column 9' } },
    });
    const confidence = Object.fromEntries(columns.map((c) => [c.header, c.confidence]));
    expect(confidence['番号']).toBeGreaterThanOrEqual(0.75);
    expect(confidence['性']).toBeGreaterThanOrEqual(0.8);
    expect(columns.find((c) => c.header === 'メモ')?.reason).toMatch(/free text/);
    expect(JSON.stringify(columns)).not.toContain('山田');
  });

  it('needs ≥ 90 % valid check digits for a resident number', async () => {
    const bad = rows.map((r, i) => [
      i % 5 === 0 ? `${r[0]!.slice(0, 9)}${(Number(r[0]!.at(-1)) + 1) % 10}` : r[0]!,
      r[1]!,
    ]);
    const { mapping } = await inferMapping({
      file: 'x.csv',
      bytes: encodeCsv([['番号', '宛名'], ...bad], { encoding: 'cp932' }),
    });
    expect(mapping.columns[0]?.identityField).toBeUndefined();
  });

  it('leaves purpose, legal basis and retention empty and reports them', async () => {
    const { mapping, problems } = await inferMapping({ file: 'x.csv', bytes });
    const facts = mapping.columns.filter((c) => c.role === 'fact');
    expect(facts.length).toBeGreaterThan(0);
    const codes = new Set(problems.map((p) => p.code));
    expect([...codes].sort()).toEqual([
      'missing_legal_basis',
      'missing_purpose',
      'missing_retention',
    ]);
    expect(problems.filter((p) => p.code === 'missing_purpose')).toHaveLength(facts.length);
    expect(() => createMappedConnector(mapping)).toThrow(/missing_purpose/);
  });
});

describe('the proposed name and context columns', () => {
  const bytes = encodeCsv(
    [
      ['氏名', '生年月日', '学校コード', '来館日数'],
      ['山田 太郎', 'H22.10.21', 'E01', '5'],
      ['鈴木 花子', '平成30年12月29日', 'E02', '7'],
    ],
    { encoding: 'cp932' },
  );

  it("never proposes a built-in connector's name", async () => {
    expect((await inferMapping({ file: 'school.csv', bytes })).mapping.name).toBe('school-mapped');
    expect((await inferMapping({ file: 'hall.csv', bytes })).mapping.name).toBe('hall');
    const taken = await inferMapping(
      { file: 'hall.csv', bytes },
      { reservedNames: ['hall', 'hall-mapped'] },
    );
    expect(taken.mapping.name).toBe('hall-mapped-2');
    const named = await inferMapping({ file: 'hall.csv', bytes }, { name: 'welfare' });
    expect(named.problems.map((p) => `${p.path} ${p.code}`)).toContain('/name reserved_name');
  });

  it('proposes school, grade and nursery columns as ignored: their connectors own them', async () => {
    const { mapping, columns } = await inferMapping({ file: 'hall.csv', bytes });
    expect(mapping.columns[2]).toEqual({
      header: '学校コード',
      role: 'ignore',
      required: true,
      personal: false,
    });
    expect(columns[2]).toMatchObject({ role: 'ignore', contextField: 'school' });
    expect(columns[2]?.reason).toMatch(/school and nursery connectors own/);
  });
});

describe("the children's hall sample", () => {
  const village = generateVillage({ children: 150, seed: 9 });

  it('infers the hall mapping from 30 rows, which then imports the full file', async () => {
    const sample = makeChildrensHallSample(village, { rows: 30 });
    const full = makeChildrensHallSample(village);
    const { mapping } = await inferMapping(
      { file: 'jidokan.csv', bytes: sample },
      { name: 'childrens-hall' },
    );
    expect(mapping.columns.map((c) => c.identityField ?? c.fact?.type ?? c.role)).toEqual([
      'name',
      'kana',
      'birthDate',
      'sex',
      'number',
      'date',
      'personal',
    ]);
    expect(mapping.columns[4]?.fact?.id).toBe('childrensHall.col5');
    const legal = {
      purpose: '孤立の早期把握',
      legalBasis: '個人情報保護法第61条第1項',
      retention: '5年',
    };
    const done = {
      ...mapping,
      columns: mapping.columns.map((c) => (c.fact ? { ...c, fact: { ...c.fact, ...legal } } : c)),
    };
    const { runConnector } = await import('@mimamori/connector-kit');
    const run = await runConnector(createMappedConnector(done), {
      file: 'jidokan.csv',
      bytes: full,
    });
    expect(run.issues).toEqual([]);
    expect(run.records.length).toBeGreaterThan(100);
  });
});
