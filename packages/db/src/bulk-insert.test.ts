import { describe, expect, it } from 'vitest';
import { inKeyOrder, keyOrder } from './bulk-insert';
import { rankOrder } from './key-order';

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

describe('rankOrder', () => {
  it('gives the order keyOrder gives, from ranks', () => {
    // A small deterministic generator: keys drawn from a known list, with repeats and nulls.
    const known = ['c_9', 'c_10', 'c_a', 'c_B', 'c_ab', 'c_\u9ad9', 'c_', 'c_0'];
    const ranks = new Map([...known].sort().map((k, i): [string, number] => [k, i]));
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let round = 0; round < 50; round++) {
      const keys = Array.from({ length: next() % 40 }, () => {
        const r = next() % (known.length + 2);
        return r >= known.length ? null : (known[r] as string);
      });
      expect(rankOrder(keys, ranks)).toEqual(keyOrder(keys));
    }
  });

  it('returns undefined when a key has no rank', () => {
    expect(rankOrder(['a', 'z'], new Map([['a', 0]]))).toBeUndefined();
    expect(
      rankOrder(
        ['b', null, 'a'],
        new Map([
          ['a', 0],
          ['b', 1],
        ]),
      ),
    ).toEqual([1, 2, 0]);
  });
});
