import { describe, expect, it } from 'vitest';
import { gaijiProblems, normalizeCode } from './gaiji';

describe('外字 table checks', () => {
  it('normalises code notations', () => {
    expect(normalizeCode('u+e001')).toBe('U+E001');
    expect(normalizeCode('2363a')).toBe('U+2363A');
    expect(normalizeCode('\uE001')).toBe('U+E001');
    expect(normalizeCode('髙')).toBe('U+9AD9');
  });

  it('reports bad, duplicate and unmapped rows', () => {
    expect(
      gaijiProblems([
        { code: 'U+E001', standard: '高' },
        { code: 'U+E001', standard: '崎' },
        { code: 'E002', standard: '' },
      ]),
    ).toEqual([
      { row: 1, field: 'code', kind: 'duplicate' },
      { row: 2, field: 'code', kind: 'format' },
      { row: 2, field: 'standard', kind: 'empty' },
    ]);
  });
});
