/**
 * A failed rule test's differences in words. The API answers each test case's `diff` as the
 * engine's lines (`abuse: expected level null, got watch (3 points)`); they are shown as
 * sentences in the current language with the rule set's names for rules, types and levels.
 * A line of another shape is shown as it came.
 */
import { loc, t } from '../i18n/index.svelte';
import type { RuleSetDocument } from './document';

const patterns = {
  notFired: /^expected rule "(.+)" to fire$/,
  fired: /^rule "(.+)" fired unexpectedly$/,
  unknownType: /^unknown type "(.+)"$/,
  level: /^(.+): expected level (.+), got (.+) \((-?[\d.]+) points\)$/,
};

/** The diff's lines: an array of strings, one string, or anything else as JSON. */
function linesOf(diff: unknown): string[] {
  if (diff === null || diff === undefined) return [];
  if (typeof diff === 'string') return [diff];
  if (Array.isArray(diff)) return diff.map((d) => (typeof d === 'string' ? d : JSON.stringify(d)));
  return [JSON.stringify(diff)];
}

/**
 * Each difference of a failed test case as a readable line.
 * @example testDiffLines(['abuse: expected level null, got watch (3 points)'], doc)
 * // ['虐待: 期待した段階は「なし」でしたが、結果は「見守り」（3点）でした。']
 */
export function testDiffLines(diff: unknown, document: RuleSetDocument): string[] {
  const ruleName = (id: string) => {
    const rule = document.rules.find((r) => r.id === id);
    return rule?.name?.ja ? loc(rule.name) : id;
  };
  const type = (id: string) => document.types.find((ty) => ty.id === id);
  const typeName = (id: string) => loc(type(id)?.label) || id;
  const levelName = (typeId: string, level: string) => {
    if (level === 'null') return t('publish.diff.noLevel');
    return loc(type(typeId)?.levels.find((l) => l.id === level)?.label) || level;
  };
  return linesOf(diff).map((line) => {
    let m = patterns.notFired.exec(line);
    if (m?.[1]) return t('publish.diff.ruleNotFired', { rule: ruleName(m[1]) });
    m = patterns.fired.exec(line);
    if (m?.[1]) return t('publish.diff.ruleFired', { rule: ruleName(m[1]) });
    m = patterns.unknownType.exec(line);
    if (m?.[1]) return t('publish.diff.unknownType', { type: m[1] });
    m = patterns.level.exec(line);
    if (m?.[1] && m[2] && m[3] && m[4])
      return t('publish.diff.level', {
        type: typeName(m[1]),
        expected: levelName(m[1], m[2]),
        actual: levelName(m[1], m[3]),
        points: m[4],
      });
    return line;
  });
}
