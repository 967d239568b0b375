import { describe, expect, it } from 'vitest';
import { applyGaijiTable, createGaijiTable, findGaiji, gaijiEntrySchema } from './gaiji';
import { IdentityError } from './identity-error';

describe('findGaiji', () => {
  it('finds private-use code points in the BMP and planes 15/16', () => {
    expect(findGaiji('山\uE001太郎')).toEqual([
      { code: 'U+E001', index: 1, length: 1, kind: 'private-use' },
    ]);
    expect(findGaiji('\u{F0001}x')).toEqual([
      { code: 'U+F0001', index: 0, length: 2, kind: 'private-use' },
    ]);
  });

  it('finds placeholders; ? only in name fields', () => {
    expect(findGaiji('〓田')).toEqual([{ code: '〓', index: 0, length: 1, kind: 'placeholder' }]);
    expect(findGaiji('何?')).toEqual([]);
    expect(findGaiji('?田', { name: true })).toEqual([
      { code: '?', index: 0, length: 1, kind: 'placeholder' },
    ]);
  });

  it('finds code text in its common spellings', () => {
    expect(findGaiji('U+2363A田 &#x9ad9; &#144954;').map((h) => [h.code, h.index, h.kind])).toEqual(
      [
        ['U+2363A', 0, 'code-text'],
        ['U+9AD9', 9, 'code-text'],
        ['U+2363A', 18, 'code-text'],
      ],
    );
  });

  it('returns nothing for ordinary text', () => {
    expect(findGaiji('髙橋 太郎')).toEqual([]);
  });
});

describe('applyGaijiTable', () => {
  const table = createGaijiTable([
    { code: 'U+E001', standard: '﨑' },
    { code: 'U+2363A', standard: '𣘺', note: 'staff check 2025-04' },
  ]);

  it('replaces mapped codes and lists the unmapped ones with their position', () => {
    expect(applyGaijiTable('山\uE001 U+2363A', table)).toEqual({ text: '山﨑 𣘺', unmapped: [] });
    expect(applyGaijiTable('\uE002山\uE001〓', table)).toEqual({
      text: '\uE002山﨑〓',
      unmapped: [
        { code: 'U+E002', index: 0 },
        { code: '〓', index: 3 },
      ],
    });
  });

  it('rejects a table that maps one code twice', () => {
    const twice = [
      { code: 'U+E001', standard: '崎' },
      { code: 'U+E001', standard: '﨑' },
    ];
    expect(() => createGaijiTable(twice)).toThrow(IdentityError);
  });

  it('validates entries: codes only, standard text without private use', () => {
    expect(gaijiEntrySchema.safeParse({ code: 'U+E001', standard: '﨑' }).success).toBe(true);
    expect(gaijiEntrySchema.safeParse({ code: '〓', standard: '﨑' }).success).toBe(false);
    expect(gaijiEntrySchema.safeParse({ code: 'U+E001', standard: '\uE002' }).success).toBe(false);
    expect(gaijiEntrySchema.safeParse({ code: 'U+e001', standard: '崎' }).success).toBe(false);
  });
});
