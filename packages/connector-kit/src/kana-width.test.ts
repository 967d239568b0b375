import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toFullWidthKana, toHalfWidthKana } from './kana-width';
import { normalizeDigits } from './normalize-digits';

describe('toFullWidthKana', () => {
  it.each([
    ['ﾀｶﾊｼ ﾀﾛｳ', 'タカハシ タロウ'],
    ['ｶﾞｷﾞｸﾞｹﾞｺﾞ', 'ガギグゲゴ'],
    ['ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ', 'パピプペポ'],
    ['ﾊﾞﾋﾞﾌﾞﾍﾞﾎﾞ', 'バビブベボ'],
    ['ｳﾞｧｲｵﾘﾝ', 'ヴァイオリン'],
    ['ｷｬｯﾁｰ', 'キャッチー'],
    ['ﾂﾞﾃﾞﾄﾞ', 'ヅデド'],
    ['ｱﾞ', 'ア゛'],
    ['ﾟ', '゜'],
    ['｢ｱ｣､｡･', '「ア」、。・'],
    ['髙橋 ﾀﾛｳ', '髙橋 タロウ'],
    ['タカハシ', 'タカハシ'],
    ['', ''],
  ])('widens %s to %s', (half, full) => {
    expect(toFullWidthKana(half)).toBe(full);
  });

  it('agrees with NFKC on half-width katakana followed by a voicing mark', () => {
    for (let c = 0xff66; c <= 0xff9d; c++) {
      const half = String.fromCharCode(c);
      expect(toFullWidthKana(half)).toBe(half.normalize('NFKC'));
      for (const mark of ['ﾞ', 'ﾟ']) {
        const nfkc = (half + mark).normalize('NFKC');
        if (nfkc.length === 1) expect(toFullWidthKana(half + mark)).toBe(nfkc);
      }
    }
  });
});

describe('toHalfWidthKana', () => {
  it.each([
    ['ガッコウ', 'ｶﾞｯｺｳ'],
    ['パピプペポ', 'ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ'],
    ['ヴ', 'ｳﾞ'],
    ['ケ丘ヶ', 'ｹ丘ヶ'],
    ['abc 123', 'abc 123'],
  ])('narrows %s to %s', (full, half) => {
    expect(toHalfWidthKana(full)).toBe(half);
  });

  it('is undone by toFullWidthKana for any katakana text', () => {
    const katakana = fc.constantFrom(
      ...'アイウエオカガキギクグサザタダチヂツヅハバパヒビピフブプヘベペホボポマヤユヨラワヲンァャッーヴ',
    );
    fc.assert(
      fc.property(fc.array(katakana), (chars) => {
        const text = chars.join('');
        expect(toFullWidthKana(toHalfWidthKana(text))).toBe(text);
      }),
    );
  });
});

describe('normalizeDigits', () => {
  it('replaces full-width digits only', () => {
    expect(normalizeDigits('令和７年１２月３１日 R7')).toBe('令和7年12月31日 R7');
    expect(normalizeDigits('０１２３４５６７８９')).toBe('0123456789');
    expect(normalizeDigits('ＡＢＣ')).toBe('ＡＢＣ');
  });
});
