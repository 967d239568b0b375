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

  it('packs texts longer in all than one joined chunk, in order, whenever asked', () => {
    // 2,000 texts of 1,000 code units: several chunks of 2^17, and a remainder.
    const texts = Array.from(
      { length: 2_000 },
      (_, i) => `${i}:${'齋'.repeat(997 - String(i).length)}:`,
    );
    const many: unknown[] = texts.flatMap((t, i) => [t, i, null]);
    const packer = new ValuePacker(many.length);
    for (const v of many.slice(0, 3_000)) packer.add(v);
    expect(unpackValues(packer.packed())).toEqual(many.slice(0, 3_000));
    for (const v of many.slice(3_000)) packer.add(v);
    const packed = packer.packed();
    expect(packed.text).toBe(texts.join(''));
    expect(unpackValues(packed)).toEqual(many);
  });

  it('survives a structured clone (how it crosses between threads)', () => {
    const packed = packValues(values);
    expect(unpackValues(structuredClone(packed))).toEqual(expected);
  });
});
