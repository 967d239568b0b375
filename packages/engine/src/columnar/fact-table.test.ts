import { describe, expect, it } from 'vitest';
import { createFactTable, factTableFromColumns, readFactValue } from './fact-table';

const readBack = (table: ReturnType<typeof createFactTable>, id: string): unknown[] =>
  Array.from({ length: table.count }, (_, row) => readFactValue(table.columns.get(id), row));

describe('createFactTable', () => {
  it('types each column by its values and reads every value back exactly', () => {
    const records = [
      { n: 3, b: true, s: 'なし', mixed: 1, arr: [1], nan: 1 },
      { n: null, b: null, s: null, mixed: '1' },
      { n: -0, b: false, s: '5', mixed: null, arr: { x: 1 }, nan: Number.NaN },
      { n: undefined, s: 'なし', nan: null },
      {},
    ];
    const table = createFactTable(records);
    expect(Object.fromEntries([...table.columns].map(([id, c]) => [id, c.kind]))).toEqual({
      n: 'number',
      b: 'boolean',
      s: 'code',
      mixed: 'values',
      arr: 'values',
      nan: 'number',
    });
    for (const id of ['n', 'b', 's', 'mixed', 'arr', 'nan']) {
      expect(readBack(table, id)).toEqual(records.map((r) => (r as Record<string, unknown>)[id]));
    }
    expect(Object.is(readFactValue(table.columns.get('n'), 2), -0)).toBe(true);
    expect(table.columns.get('s')).toMatchObject({ dictionary: ['なし', '5'] });
  });

  it('widens a column to plain values when a later value does not fit its kind', () => {
    const table = createFactTable([{ a: 1 }, { a: null }, { a: 2 }, { a: 'x' }, { a: 3 }]);
    expect(table.columns.get('a')?.kind).toBe('values');
    expect(readBack(table, 'a')).toEqual([1, null, 2, 'x', 3]);
  });

  it('types a column of nulls only, and keeps own keys only', () => {
    const inherited = Object.create({ a: 1 }) as Record<string, unknown>;
    inherited.b = null;
    const table = createFactTable([inherited, { b: null }]);
    expect([...table.columns.keys()]).toEqual(['b']);
    expect(readBack(table, 'b')).toEqual([null, null]);
  });

  it('builds only the facts asked for', () => {
    const table = createFactTable([{ a: 1, b: 2 }, { b: 3 }], { facts: ['a', 'c'] });
    expect([...table.columns.keys()]).toEqual(['a', 'c']);
    expect(readBack(table, 'a')).toEqual([1, undefined]);
    expect(readBack(table, 'c')).toEqual([undefined, undefined]);
  });

  it('builds the same table from columns (holes and short columns read undefined)', () => {
    // eslint-disable-next-line no-sparse-arrays -- a hole is what a sparse fact column looks like
    const columns = { a: [1, , 3], b: ['x'] };
    const table = factTableFromColumns({ count: 3, columns });
    expect(readBack(table, 'a')).toEqual([1, undefined, 3]);
    expect(readBack(table, 'b')).toEqual(['x', undefined, undefined]);
    expect(table.columns.get('b')?.kind).toBe('code');
  });
});
