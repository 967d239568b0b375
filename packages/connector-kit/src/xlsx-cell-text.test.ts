import { describe, expect, it } from 'vitest';
import { formatPlainNumber, xlsxCellText } from './xlsx-cell-text';

describe('xlsxCellText', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    ['text', 'text'],
    [42, '42'],
    [-0.25, '-0.25'],
    [true, 'TRUE'],
    [new Date(Date.UTC(2018, 3, 2)), '2018-04-02'],
    [{ richText: [{ text: '髙' }, { text: '橋' }] }, '髙橋'],
    [{ formula: 'A1+1', result: 3 }, '3'],
    [{ sharedFormula: 'A1', result: new Date(Date.UTC(2025, 3, 1)) }, '2025-04-01'],
    [{ formula: 'A1' }, ''],
    [{ text: 'link', hyperlink: 'https://example.org' }, 'link'],
    [{ text: { richText: [{ text: 'rich link' }] }, hyperlink: 'x' }, 'rich link'],
    [{ error: '#N/A' }, '#N/A'],
  ])('converts %j to %j', (value, text) => {
    expect(xlsxCellText(value)).toBe(text);
  });

  it('never writes exponent notation', () => {
    expect(formatPlainNumber(1e21)).toBe('1000000000000000000000');
    expect(formatPlainNumber(1.5e-7)).toBe('0.00000015');
    expect(formatPlainNumber(1234567897)).toBe('1234567897');
  });
});
