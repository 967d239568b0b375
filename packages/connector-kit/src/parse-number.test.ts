import { describe, expect, it } from 'vitest';
import { parseNumber } from './parse-number';

describe('parseNumber', () => {
  it.each([
    ['12', 'int', 12],
    [' １２ ', 'int', 12],
    ['1,234,567', 'int', 1234567],
    ['－５', 'int', -5],
    ['−5', 'int', -5],
    ['0.25', 'decimal', 0.25],
    ['１．５', 'decimal', 1.5],
    ['-0.5', 'decimal', -0.5],
  ] as const)('reads %j as %s %d', (text, kind, value) => {
    expect(parseNumber(text, kind)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'int'],
    ['1.5', 'int'],
    ['1e3', 'decimal'],
    ['12日', 'int'],
    ['1-2', 'int'],
    ['.5', 'decimal'],
    ['5.', 'decimal'],
    ['1.2.3', 'decimal'],
    [',1', 'int'],
    ['-', 'int'],
    ['99999999999999999999', 'int'],
  ] as const)('rejects %j as %s', (text, kind) => {
    expect(parseNumber(text, kind).ok).toBe(false);
  });
});
