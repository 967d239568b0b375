import { afterEach, describe, expect, it, vi } from 'vitest';
import { setStubLang } from '../i18n/i18n-stub';
import { addRule } from './rules';
import { describeErrorPath } from './error-place';
import { testDocument } from './test-document';

vi.mock('../i18n/index.svelte', async () => (await import('../i18n/i18n-stub')).i18nStub);

describe('where a validation error is, in words', () => {
  afterEach(() => setStubLang('ja'));

  it('names a different field for each error of a new rule, not the rule three times', () => {
    const doc = addRule(testDocument());
    const places = [
      '/rules/1/conditions/all/0/fact',
      '/rules/1/event/params/explanation/ja',
      '/rules/1/event/params/rationale',
    ].map((path) => describeErrorPath(path, doc));
    expect(places).toEqual([
      'ルール「新しいルール」の条件1の項目',
      'ルール「新しいルール」の説明文',
      'ルール「新しいルール」の根拠',
    ]);
    expect(new Set(places).size).toBe(3);
  });

  it('numbers nested conditions as the builder shows them', () => {
    const doc = testDocument();
    expect(describeErrorPath('/rules/0/conditions/all/1/any/1/not/value', doc)).toBe(
      'ルール「長期欠席」の条件2-2の値',
    );
    expect(describeErrorPath('/rules/0/conditions/all/1', doc)).toBe('ルール「長期欠席」の条件2');
  });

  it('tells the English name field from the Japanese one, and speaks English', () => {
    const doc = testDocument();
    expect(describeErrorPath('/rules/0/name/en', doc)).toBe('ルール「長期欠席」のルール名（英語）');
    setStubLang('en');
    expect(describeErrorPath('/rules/0/event/params/points', doc)).toBe(
      'Rule "Long absence": Points added',
    );
  });

  it('names the level of a threshold, the rule itself, and the document', () => {
    const doc = testDocument();
    expect(describeErrorPath('/types/0/levels/1/minPoints', doc)).toBe('閾値（貧困・支援）');
    expect(describeErrorPath('/rules/0', doc)).toBe('ルール「長期欠席」');
    expect(describeErrorPath('/facts/0/id', doc)).toBe('ルールセット全体');
  });
});
