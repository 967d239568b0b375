import { describe, expect, it } from 'vitest';
import { inKeyOrder, keyOrder } from './bulk-insert';

describe('inKeyOrder', () => {
  it('sorts rows by key in code-unit order, in place', () => {
    const rows = [{ id: 'c_b' }, { id: 'c_a' }, { id: 'c_B' }, { id: 'c_ab' }];
    const sorted = inKeyOrder(rows, (r) => r.id);
    expect(sorted).toBe(rows);
    expect(sorted.map((r) => r.id)).toEqual(['c_B', 'c_a', 'c_ab', 'c_b']);
  });

  it('keeps rows already in order and sorts rows with duplicate keys', () => {
    const ordered = [{ id: 'a' }, { id: 'b' }];
    expect(inKeyOrder(ordered, (r) => r.id)).toEqual([{ id: 'a' }, { id: 'b' }]);
    const dup = [
      { id: 'b', n: 1 },
      { id: 'a', n: 2 },
      { id: 'b', n: 3 },
    ];
    expect(inKeyOrder(dup, (r) => r.id).map((r) => r.n)).toEqual([2, 1, 3]);
  });
});

describe('keyOrder', () => {
  it('orders null keys first, then by key, keeping equal keys in input order', () => {
    expect(keyOrder(['c', null, 'a', 'c', null, 'b'])).toEqual([1, 4, 2, 5, 0, 3]);
  });

  it('returns null for keys already in order', () => {
    expect(keyOrder([null, null, 'a', 'a', 'b'])).toBeNull();
    expect(keyOrder([])).toBeNull();
    expect(keyOrder(['a', null])).toEqual([1, 0]);
  });
});
