import { describe, expect, it } from 'vitest';
import { formatPlainNumber } from './format-plain-number';

describe('formatPlainNumber', () => {
  it('never writes exponent notation', () => {
    expect(formatPlainNumber(1e21)).toBe('1000000000000000000000');
    expect(formatPlainNumber(1.5e-7)).toBe('0.00000015');
    expect(formatPlainNumber(1234567897)).toBe('1234567897');
    expect(formatPlainNumber(-0.25)).toBe('-0.25');
  });
});
