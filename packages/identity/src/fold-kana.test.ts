import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldKana } from './fold-kana';

describe('foldKana', () => {
  it('ignores width, script and spaces', () => {
    const key = foldKana('サトウ タロウ');
    expect(key).toBe('サトウタロウ');
    expect(foldKana('ｻﾄｳ ﾀﾛｳ')).toBe(key);
    expect(foldKana('さとうたろう')).toBe(key);
    expect(foldKana('さとう\u3000タロウ')).toBe(key);
  });

  it('folds small kana, merged sounds and the long-vowel mark', () => {
    expect(foldKana('キャッシュ')).toBe('キヤツシユ');
    expect(foldKana('ヴィクトル')).toBe(foldKana('ビクトル'));
    expect(foldKana('ミカヅキ')).toBe(foldKana('ミカズキ'));
    expect(foldKana('オーノ')).toBe(foldKana('オオノ'));
    expect(foldKana('ｵｰﾉ')).toBe('オオノ');
    expect(foldKana('ジュン-')).toBe('ジユン');
    expect(foldKana('ヴィクトル')).toBe('ビクトル');
    expect(foldKana('か゛')).toBe('ガ');
    expect(foldKana('ﾊﾟﾊﾟ')).toBe('パパ');
  });

  const kana = fc.constantFrom(
    ...'あいうえおかがきぎくぐけげこごさざしじすずせぜそぞただちぢつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもやゆよらりるれろわをんぁぃぅぇぉっゃゅょ'.split(
      '',
    ),
  );
  const halfWidth = (katakana: string): string =>
    [...katakana]
      .map((c) => {
        for (let cp = 0xff66; cp <= 0xff9d; cp++) {
          const h = String.fromCodePoint(cp);
          if (h.normalize('NFKC') === c) return h;
          if (`${h}\uFF9E`.normalize('NFKC') === c) return `${h}\uFF9E`;
          if (`${h}\uFF9F`.normalize('NFKC') === c) return `${h}\uFF9F`;
        }
        return c;
      })
      .join('');
  const toKatakana = (s: string): string =>
    [...s].map((c) => String.fromCodePoint((c.codePointAt(0) ?? 0) + 0x60)).join('');

  it('gives one key for hiragana, katakana and half-width katakana', () => {
    fc.assert(
      fc.property(fc.string({ unit: kana, minLength: 1, maxLength: 12 }), (hira) => {
        const kata = toKatakana(hira);
        expect(foldKana(kata)).toBe(foldKana(hira));
        expect(foldKana(halfWidth(kata))).toBe(foldKana(hira));
        expect(foldKana(`${hira.slice(0, 2)} ${hira.slice(2)}`)).toBe(foldKana(hira));
      }),
      { numRuns: 1000 },
    );
  });

  it('is idempotent', () => {
    const unit = fc.oneof(kana, fc.constantFrom(...'ーｰ-ヴゔゝ゛ﾞ \u3099ヵㇰ'.split('')));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit }), fc.string({ unit: 'binary' })), (s) => {
        expect(foldKana(foldKana(s))).toBe(foldKana(s));
      }),
      { numRuns: 2000 },
    );
  });
});
