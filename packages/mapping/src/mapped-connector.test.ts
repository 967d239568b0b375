import { encodeCsv, readTable, runConnector } from '@mimamori/connector-kit';
import { testConnector } from '@mimamori/connector-kit/testing';
import { formatRowIssue } from '@mimamori/records';
import { generateVillage } from '@mimamori/village';
import { describe, expect, it } from 'vitest';
import { childrensHallMapping, makeChildrensHallSample } from './childrens-hall-sample';
import { createMappedConnector } from './mapped-connector';
import { MappingError } from './mapping-error';

const village = generateVillage({ children: 120, seed: 5 });
const bytes = makeChildrensHallSample(village, { rows: 60 });
const hall = createMappedConnector(childrensHallMapping());

testConnector(hall, { fixtures: [{ file: 'jidokan.csv', bytes }], minRecords: 60 });

describe('mapped connector', () => {
  it('reads the CP932 sample into observations with identity and declared facts', async () => {
    const run = await runConnector(hall, { file: 'jidokan.csv', bytes });
    expect(run.encoding).toBe('cp932');
    expect(run.issues).toEqual([]);
    const first = run.records[0]!;
    expect(first.kind).toBe('observation');
    expect(Object.keys(first.identity).sort()).toEqual(['birthDate', 'kana', 'name', 'sex']);
    expect(first.identity.kana).not.toMatch(/[\uFF61-\uFF9F]/);
    expect(Object.keys(first.facts).sort()).toEqual([
      'childrensHall.lastVisit',
      'childrensHall.visitDays',
    ]);
    const births = new Set(village.truth.children.map((c) => c.birthDate));
    for (const record of run.records) expect(births.has(record.identity.birthDate!)).toBe(true);
  });

  it('rejects an invalid mapping with every problem pointed at', () => {
    const bad = childrensHallMapping();
    const fact = bad.columns[4]!.fact!;
    bad.columns[4] = { ...bad.columns[4]!, fact: { ...fact, purpose: '' } };
    const error = (() => {
      try {
        createMappedConnector(bad);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(MappingError);
    expect((error as MappingError).code).toBe('invalid_mapping');
    expect((error as MappingError).message).toContain('/columns/4/fact/purpose missing_purpose');
  });

  it('reads codes, booleans with empty-as-no, 和暦-only dates and check digits', async () => {
    const mapping = {
      ...childrensHallMapping(),
      file: { format: 'csv', encoding: 'auto', headerRow: 1 },
      columns: [
        {
          header: '宛名番号',
          role: 'identity',
          identityField: 'residentNumber',
          required: true,
          personal: true,
        },
        {
          header: '利用',
          role: 'fact',
          required: false,
          personal: false,
          fact: {
            id: 'childrensHall.use',
            label: { ja: '利用', en: 'Use' },
            type: 'boolean',
            boolean: { true: ['○'], false: [''] },
            purpose: 'p',
            legalBasis: 'l',
            retention: 'r',
          },
        },
        {
          header: '区分',
          role: 'fact',
          required: false,
          personal: false,
          fact: {
            id: 'childrensHall.kind',
            label: { ja: '区分', en: 'Kind' },
            type: 'code',
            codes: { '1': '一般', '2': '登録', '': 'なし' },
            purpose: 'p',
            legalBasis: 'l',
            retention: 'r',
          },
        },
        {
          header: '日付',
          role: 'fact',
          required: false,
          personal: false,
          dateFormat: 'wareki',
          fact: {
            id: 'childrensHall.day',
            label: { ja: '日付', en: 'Day' },
            type: 'date',
            purpose: 'p',
            legalBasis: 'l',
            retention: 'r',
          },
        },
      ],
    };
    const connector = createMappedConnector(mapping);
    const rows = [
      ['宛名番号', '利用', '区分', '日付'],
      ['1234567892', '○', '2', 'R7.4.1'],
      ['1234567892', '', '', ''],
      ['1234567891', '×', '5', '2025-04-01'],
    ];
    const run = await runConnector(connector, {
      file: 'x.csv',
      bytes: encodeCsv(rows, { encoding: 'utf-8' }),
    });
    expect(run.issues.map(formatRowIssue)).toEqual([
      'x.csv:4:1 bad_check_digit 宛名番号: expected 10 digits ending in a valid check digit',
      'x.csv:4:2 unknown_code 利用: expected one of ○',
      'x.csv:4:3 unknown_code 区分: expected one of the codes 1, 2',
      'x.csv:4:4 bad_date 日付: expected a 和暦 date such as 令和7年4月1日',
    ]);
    const ok = await runConnector(connector, {
      file: 'x.csv',
      bytes: encodeCsv(rows.slice(0, 3), { encoding: 'utf-8' }),
    });
    expect(ok.records.map((r) => r.facts)).toEqual([
      {
        'childrensHall.use': true,
        'childrensHall.kind': '登録',
        'childrensHall.day': '2025-04-01',
      },
      { 'childrensHall.use': false, 'childrensHall.kind': 'なし', 'childrensHall.day': null },
    ]);
  });

  it('reads tab-separated files and late header rows with the original line numbers', async () => {
    const text =
      '児童館来館記録\r\n令和7年度\r\n氏名\tフリガナ\t生年月日\t性別\t来館日数\t最終来館日\t備考\r\n' +
      '山田　花子\tﾔﾏﾀﾞ ﾊﾅｺ\t平成28年4月2日\t女\t3\t令和7年5月1日\t"友達と, 来館"\r\n' +
      '山田　太郎\tﾔﾏﾀﾞ ﾀﾛｳ\t平成29年4月2日\t男\tx\t\t\r\n';
    const base = childrensHallMapping();
    const tsv = createMappedConnector({
      ...base,
      file: { ...base.file, encoding: 'utf-8', delimiter: '\t', headerRow: 3 },
    });
    const input = await tsv.prepareInput({
      file: 'hall.tsv',
      bytes: new TextEncoder().encode(text),
    });
    const run = await runConnector(tsv, input);
    expect(run.issues.map(formatRowIssue)).toEqual([
      'hall.tsv:5:5 bad_number 来館日数: expected a whole number',
    ]);
    const table = await readTable(input);
    expect(table.headerLine).toBe(3);
    expect(table.rows[0]?.cells[6]).toBe('友達と, 来館');
  });

  it('links by identity columns only: a personal column naming a field is never read', async () => {
    const base = childrensHallMapping();
    const guarded = createMappedConnector({
      ...base,
      columns: [
        base.columns[0]!,
        {
          header: '保護者氏名',
          role: 'personal',
          identityField: 'name',
          required: false,
          personal: true,
        },
        ...base.columns.slice(1),
      ],
    });
    const rows = [
      ['氏名', '保護者氏名', 'フリガナ', '生年月日', '性別', '来館日数', '最終来館日', '備考'],
      ['山田　花子', '山田　良子', 'ﾔﾏﾀﾞ ﾊﾅｺ', '平成28年4月2日', '女', '3', '', ''],
    ];
    const run = await runConnector(guarded, {
      file: 'g.csv',
      bytes: encodeCsv(rows, { encoding: 'cp932' }),
    });
    expect(run.issues).toEqual([]);
    expect(run.records[0]?.identity.name).toBe('山田　花子');
  });

  it('names the columns holding names and kana (for 外字 placeholders)', () => {
    expect(hall.nameColumns).toEqual(['c1', 'c2']);
  });
});
