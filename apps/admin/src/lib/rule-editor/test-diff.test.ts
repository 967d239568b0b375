import { runCases, type RuleSet } from '@mimamori/engine';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setStubLang } from '../i18n/i18n-stub';
import { testDiffLines } from './test-diff';
import { testDocument } from './test-document';

vi.mock('../i18n/index.svelte', async () => (await import('../i18n/i18n-stub')).i18nStub);

const doc = testDocument();
const fires = { 'school.absenceDays': 40, 'welfare.childSupport': '全部支給' };

describe("a failed rule test's differences", () => {
  afterEach(() => setStubLang('ja'));

  it('reads every line the engine writes as a sentence with the rule set’s names', () => {
    const lines = runCases(doc as unknown as RuleSet, [
      { name: 'a', facts: fires, expect: { events: [] } },
      { name: 'b', facts: {}, expect: { events: ['absence'] } },
      { name: 'c', facts: fires, expect: { levels: { poverty: 'watch', abuse: null } } },
    ]).flatMap((r) => r.diffs);
    expect(lines).toHaveLength(4);
    expect(testDiffLines(lines, doc)).toEqual([
      'ルール「長期欠席」は該当しないはずでしたが、該当しました。',
      'ルール「長期欠席」が該当するはずでしたが、該当しませんでした。',
      '貧困: 期待した段階は「見守り」でしたが、結果は「なし」（2点）でした。',
      '困難の種類「abuse」はこのルールセットにありません。',
    ]);
  });

  it('speaks English, and keeps a line of another shape as it came', () => {
    setStubLang('en');
    expect(
      testDiffLines(['poverty: expected level null, got support (7 points)', 'odd line'], doc),
    ).toEqual(['Poverty: expected level "none", got "Support" (7 points).', 'odd line']);
    expect(testDiffLines(null, doc)).toEqual([]);
    expect(testDiffLines({ x: 1 }, doc)).toEqual(['{"x":1}']);
  });
});
