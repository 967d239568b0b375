import { describe, expect, it } from 'vitest';
import { classifyColumn } from './classify-column';

describe('classifyColumn', () => {
  it('finds the range of more numbers than a call has room for arguments', () => {
    const cells = Array.from({ length: 300_000 }, (_, i) => String(i % 31));
    expect(classifyColumn('欠席日数', cells)).toMatchObject({ type: 'integer', min: 0, max: 30 });
    const decimals = Array.from({ length: 300_000 }, (_, i) => `${i % 7}.5`);
    expect(classifyColumn('体重', decimals)).toMatchObject({ type: 'decimal', min: 0.5, max: 6.5 });
  });
});
