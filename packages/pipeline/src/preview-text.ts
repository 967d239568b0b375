import type { RuleSet, ScoredRule } from '@mimamori/engine';

/** Languages a preview's words are given in (the admin's languages). */
export const previewLanguages = ['ja', 'en'] as const;
export type PreviewLanguage = (typeof previewLanguages)[number];

/** A label in the language asked for, falling back to Japanese, then to the id. */
function pick(label: { ja?: string; en?: string } | undefined, lang: PreviewLanguage, id: string) {
  return (lang === 'en' ? label?.en : undefined) ?? label?.ja ?? id;
}

/** A rule's name in words. */
export function ruleName(rule: ScoredRule, lang: PreviewLanguage): string {
  return pick(rule.rule.name, lang, rule.rule.id);
}

/** A level's label (要支援, Support …) for a type of a rule set. */
export function levelLabel(
  ruleSet: RuleSet,
  typeId: string,
  levelId: string,
  lang: PreviewLanguage,
): string {
  const type = ruleSet.types.find((t) => t.id === typeId);
  return pick(type?.levels.find((l) => l.id === levelId)?.label, lang, levelId);
}

/** The sentences of why a child's level moved, per language. */
export const reasonText = {
  ja: {
    fires: (rule: string, points: number) => `「${rule}」に該当（+${points}点）`,
    points: (rule: string, from: number, to: number) => `「${rule}」の点数 ${from}→${to}点`,
    stops: (rule: string, points: number) => `「${rule}」に該当しなくなった（−${points}点）`,
    threshold: (level: string, from: number, to: number, points: number) =>
      `${level}の基準 ${from}→${to}点（この子 ${points}点）`,
  },
  en: {
    fires: (rule: string, points: number) => `“${rule}” applies (+${points} pts)`,
    points: (rule: string, from: number, to: number) => `“${rule}” points ${from}→${to}`,
    stops: (rule: string, points: number) => `“${rule}” no longer applies (−${points} pts)`,
    threshold: (level: string, from: number, to: number, points: number) =>
      `${level} threshold ${from}→${to} pts (this child: ${points} pts)`,
  },
} as const satisfies Record<PreviewLanguage, unknown>;

/** Sex codes (住基: 1 male, 2 female) as the disparity view's group labels. */
export const sexLabels: Record<PreviewLanguage, Record<string, string>> = {
  ja: { '1': '男', '2': '女' },
  en: { '1': 'Male', '2': 'Female' },
};
