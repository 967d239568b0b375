import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldName, namesKey, weakNameKey } from './fold-name';
import { variantTable } from './variant-table';

describe('foldName', () => {
  it.each([
    ['髙橋', '高橋'],
    ['山﨑', '山崎'],
    ['渡邊', '渡辺'],
    ['渡邉', '渡辺'],
    ['齋藤', '斎藤'],
  ])('%s and %s get one key', (variant, standard) => {
    expect(foldName(variant)).toBe(foldName(standard));
  });

  it('keeps 齊藤 and 斎藤 apart (different 常用 after folding) but weakly equal', () => {
    expect(foldName('齊藤')).toBe('斉藤');
    expect(foldName('齊藤')).not.toBe(foldName('斎藤'));
    expect(weakNameKey('齊藤')).toBe(weakNameKey('斎藤'));
    expect(weakNameKey('齋藤')).toBe(weakNameKey('斉藤'));
  });

  it('drops every kind of space, middle dots and variation selectors', () => {
    const key = foldName('高橋太郎');
    for (const s of [
      '高橋 太郎',
      '高橋\u3000太郎',
      '高橋\u00a0太郎',
      ' 高橋\t太郎 ',
      '高橋・太郎',
    ]) {
      expect(foldName(s)).toBe(key);
    }
    expect(foldName('辻\u{E0100}')).toBe('辻');
    expect(foldName('葛\uFE00')).toBe('葛');
  });

  it('folds width and Latin case', () => {
    expect(foldName('ＳＭＩＴＨ　ｊｏｈｎ')).toBe('SMITHJOHN');
    expect(foldName('ｻﾄｳ')).toBe('サトウ');
    expect(foldName('神')).toBe(foldName('\uFA19'));
  });

  it('namesKey folds line by line, same order', () => {
    expect(namesKey(['髙橋 一郎', '山﨑', ''])).toEqual(['高橋一郎', '山崎', '']);
  });

  const interesting = fc.constantFrom(
    ...'髙高﨑崎邊邉辺齋齊斎斉澤沢 \u3000\u00a0・ｶﾞかカ゛\u3099\uFE00AaÅé'.split(''),
    '\u{E0100}',
    '𠮷',
  );
  const nameLike = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.string({ unit: interesting }),
    fc.string({ unit: fc.oneof(interesting, fc.string({ unit: 'grapheme', maxLength: 1 })) }),
  );

  it('is idempotent', () => {
    fc.assert(
      fc.property(nameLike, (s) => {
        expect(foldName(foldName(s))).toBe(foldName(s));
        expect(weakNameKey(weakNameKey(s))).toBe(weakNameKey(s));
      }),
      { numRuns: 2000 },
    );
  });

  const outside = fc
    .integer({ min: 0x4e00, max: 0x9fff })
    .map((cp) => String.fromCodePoint(cp))
    .filter((c) => !variantTable.has(c));

  it('never merges names that differ in a character outside the variant table', () => {
    fc.assert(
      fc.property(fc.string({ unit: outside, maxLength: 4 }), outside, outside, (base, a, b) => {
        fc.pre(a !== b);
        expect(foldName(base + a)).not.toBe(foldName(base + b));
        expect(foldName(a + base)).not.toBe(foldName(b + base));
      }),
      { numRuns: 2000 },
    );
  });
});
