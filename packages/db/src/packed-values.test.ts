import { describe, expect, it } from 'vitest';
import { ValuePacker, packValues, unpackValues } from './packed-values';

describe('packed values', () => {
  const values = [
    0,
    -1.5,
    'c_0001',
    '',
    '齋藤　𠮷子',
    null,
    undefined,
    'x'.repeat(10_000),
    12n,
    Number.MAX_SAFE_INTEGER,
    '{"a":"全部支給"}',
  ];
  const expected = values.map((v) => (v === undefined ? null : v));

  it('round-trips numbers, texts of any script, nulls and other values in order', () => {
    expect(unpackValues(packValues(values))).toEqual(expected);
    expect(unpackValues(packValues([]))).toEqual([]);
  });

  it('packs value by value the same as a whole array, also below its capacity', () => {
    const packer = new ValuePacker(values.length + 5);
    for (const v of values) packer.add(v);
    const packed = packer.packed();
    expect(packed.tags.length).toBe(values.length);
    expect(unpackValues(packed)).toEqual(expected);
    expect(packed.text).toBe(packValues(values).text);
  });

  it('survives a structured clone (how it crosses between threads)', () => {
    const packed = packValues(values);
    expect(unpackValues(structuredClone(packed))).toEqual(expected);
  });
});
