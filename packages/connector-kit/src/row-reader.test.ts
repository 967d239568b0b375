import { describe, expect, it } from 'vitest';
import type { RawRow } from './connector';
import { rowReader } from './row-reader';

function rowOf(values: Record<string, string>, required: string[] = []): RawRow {
  const keys = Object.keys(values);
  return {
    file: 'f.csv',
    line: 7,
    values,
    columns: Object.fromEntries(keys.map((key, i) => [key, i + 1])),
    fields: Object.fromEntries(
      keys.map((key) => [key, { header: `H-${key}`, required: required.includes(key) }]),
    ),
  };
}

describe('rowReader', () => {
  it('reads text trimmed and as written, kana widened, sex coded', () => {
    const r = rowReader(rowOf({ name: ' 髙橋　ﾀﾛｳ ', kana: 'ﾀｶﾊｼ ﾀﾞｲｽｹ', m: '男', f: '２' }));
    expect(r.text('name')).toBe('髙橋　ﾀﾛｳ');
    expect(r.kana('kana')).toBe('タカハシ ダイスケ');
    expect(r.sex('m')).toBe(1);
    expect(r.sex('f')).toBe(2);
    expect(r.issues).toEqual([]);
  });

  it('reads numbers with full-width digits and commas, and checks bounds', () => {
    const r = rowReader(rowOf({ a: '１，２３４', b: '-3', c: '1.5', d: '12日', e: '40', f: '' }));
    expect(r.int('a')).toBe(1234);
    expect(r.int('b')).toBe(-3);
    expect(r.decimal('c')).toBe(1.5);
    expect(r.int('c')).toBeUndefined();
    expect(r.int('d')).toBeUndefined();
    expect(r.int('e', { max: 31 })).toBeUndefined();
    expect(r.int('f')).toBeUndefined();
    expect(r.issues.map((i) => [i.code, i.column, i.message])).toEqual([
      ['bad_number', 3, 'H-c: expected a whole number'],
      ['bad_number', 4, 'H-d: expected a whole number'],
      ['bad_number', 5, 'H-e: expected a number from -∞ to 31'],
    ]);
  });

  it('reads dates and reports bad ones at their column, without the value', () => {
    const r = rowReader(rowOf({ a: 'H30/04/02', b: '平成31年5月1日' }));
    expect(r.date('a')).toBe('2018-04-02');
    expect(r.date('b')).toBeUndefined();
    expect(r.issues).toEqual([
      {
        file: 'f.csv',
        line: 7,
        column: 2,
        code: 'bad_date',
        field: 'H-b',
        message: 'H-b: expected a date within 平成 (1989-01-08 to 2019-04-30)',
      },
    ]);
  });

  it('maps codes after width folding and lists the allowed codes', () => {
    const table = { '01': 'full', '02': 'partial', A: 'stopped' };
    const r = rowReader(rowOf({ a: '０１', b: 'Ａ', c: '03' }));
    expect(r.code('a', table)).toBe('full');
    expect(r.code('b', table)).toBe('stopped');
    expect(r.code('c', table)).toBeUndefined();
    expect(r.issues).toMatchObject([
      { code: 'unknown_code', column: 3, message: 'H-c: expected one of the codes 01, 02, A' },
    ]);
  });

  it('reads yes/no spellings', () => {
    const spellings = { true: ['有', '○'], false: ['無'] };
    const r = rowReader(rowOf({ a: '有', b: '無', c: 'はい', d: ' ' }));
    expect(r.bool('a', spellings)).toBe(true);
    expect(r.bool('b', spellings)).toBe(false);
    expect(r.bool('c', spellings)).toBeUndefined();
    expect(r.bool('d', spellings)).toBeUndefined();
    expect(r.issues).toMatchObject([
      { code: 'unknown_code', message: 'H-c: expected one of 有, ○, 無' },
    ]);
  });

  it('reports missing_value for required empty cells (spec or option) and unknown keys at column 0', () => {
    const r = rowReader(rowOf({ a: '', b: ' ', c: '' }, ['a']));
    r.text('a');
    r.date('b', { required: true });
    r.int('c');
    r.text('nope', { required: true });
    expect(r.issues.map((i) => [i.code, i.column, i.field])).toEqual([
      ['missing_value', 1, 'H-a'],
      ['missing_value', 2, 'H-b'],
      ['missing_value', 0, 'nope'],
    ]);
  });

  it('returns records only without issues, filling line, dropping undefined and nulling facts', () => {
    const ok = rowReader(rowOf({ id: '1', n: '' }));
    const result = ok.result([
      {
        kind: 'observation',
        identity: { residentNumber: ok.text('id'), name: ok.text('n') },
        facts: { 'x.count': ok.int('n'), 'x.flag': true },
      },
    ]);
    expect(result).toEqual({
      records: [
        {
          kind: 'observation',
          identity: { residentNumber: '1' },
          context: {},
          facts: { 'x.count': null, 'x.flag': true },
          line: 7,
        },
      ],
      issues: [],
    });
    const bad = rowReader(rowOf({ d: 'x' }));
    const failed = bad.result([
      { kind: 'observation', identity: {}, facts: { 'x.d': bad.date('d') } },
    ]);
    expect(failed.records).toEqual([]);
    expect(failed.issues).toHaveLength(1);
  });
});
