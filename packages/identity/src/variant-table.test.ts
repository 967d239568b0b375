import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildVariantsModule } from '../scripts/build-variants';
import { isJoyoKanji, joyoKanji, parsePairLines, variantTable, weakTable } from './variant-table';
import { curatedNameVariants, kyujitaiPairLines, weakVariantPairs } from './variants-curated';
import { variantPairLines } from './variants.generated';

describe('variant table', () => {
  it('holds the 2,136 常用漢字', () => {
    expect(joyoKanji.size).toBe(2136);
    expect(isJoyoKanji('高')).toBe(true);
    expect(isJoyoKanji('髙')).toBe(false);
  });

  it('contains the pairs names need', () => {
    const required: [string, string][] = [
      ['髙', '高'], ['﨑', '崎'], ['邊', '辺'], ['邉', '辺'], ['齋', '斎'], ['齊', '斉'],
      ['澤', '沢'], ['濱', '浜'], ['嶋', '島'], ['𠮷', '吉'], ['德', '徳'], ['廣', '広'],
      ['櫻', '桜'], ['龍', '竜'], ['國', '国'], ['惠', '恵'], ['眞', '真'], ['瀨', '瀬'],
    ]; // prettier-ignore
    for (const [from, to] of required) expect(variantTable.get(from), from).toBe(to);
    expect(variantTable.has('斎')).toBe(false);
    expect(variantTable.has('斉')).toBe(false);
  });

  it('maps only non-常用, NFKC-stable single code points to 常用 targets', () => {
    for (const [from, to] of variantTable) {
      expect(isJoyoKanji(from), `${from} is 常用`).toBe(false);
      expect(isJoyoKanji(to), `${to} is not 常用`).toBe(true);
      expect(from.normalize('NFKC')).toBe(from);
      expect([...from]).toHaveLength(1);
    }
  });

  it('curated identity pairs agree with the generated ones', () => {
    const generated = new Map(parsePairLines(variantPairLines));
    const curated = [
      ...parsePairLines(kyujitaiPairLines),
      ...curatedNameVariants.map((v): [string, string] => [v.from, v.to]),
    ];
    for (const [from, to] of curated) {
      expect(generated.get(from) ?? to, from).toBe(to);
      expect(isJoyoKanji(from), from).toBe(false);
    }
  });

  it('weak pairs merge 斎 and 斉 but are never identity', () => {
    expect(weakTable.get('斉')).toBe('斎');
    for (const { a, b } of weakVariantPairs) expect(variantTable.get(a) ?? a).not.toBe(b);
  });

  const unihan = '/usr/share/unicode';
  // Needs Debian's unicode-data (installed by `scripts/bootstrap.sh --test`): fails, never skips.
  it('regenerates the committed table byte for byte', () => {
    expect(
      existsSync(`${unihan}/Unihan_Variants.txt.bz2`) ||
        existsSync(`${unihan}/Unihan_Variants.txt`),
      'apt-get install -y unicode-data',
    ).toBe(true);
    const committed = readFileSync(
      fileURLToPath(new URL('./variants.generated.ts', import.meta.url)),
      'utf8',
    );
    expect(buildVariantsModule(unihan).source).toBe(committed);
  });
});
