import type { Facts } from '../compile/fact-reader';
import type { CompiledRuleSet } from '../rule-set/compile-rule-set';
import type { FactDefinition } from '../schema/rule-set-schema';
import { explain, type RuleExplanation } from './explain';
import { renderExplanation, type ExplanationLanguage } from './render-explanation';

/** Why one rule added points, in words. */
export interface Reason {
  readonly ruleId: string;
  readonly type: string;
  readonly points: number;
  readonly text: string;
  readonly rationale: string;
}

/** A child's explanation: every rule's condition tree plus the rendered reasons for fired rules. */
export interface ChildExplanation {
  readonly rules: readonly RuleExplanation[];
  /** Fired rules, highest points first (戸田市 shows reasons ranked by importance). */
  readonly reasons: readonly Reason[];
}

/**
 * Creates an explainer for a compiled rule set.
 *
 * @example
 * const explainChild = createExplainer(compileRuleSet(ruleSet));
 * explainChild(facts, 'ja').reasons[0]?.text; // '欠席日数 42日 (30日以上)'
 */
export function createExplainer(
  compiledSet: CompiledRuleSet,
): (facts: Facts, lang: ExplanationLanguage) => ChildExplanation {
  const catalogue = new Map<string, FactDefinition>(
    compiledSet.ruleSet.facts.map((f) => [f.id, f]),
  );
  return function explainChild(facts, lang) {
    const { rules } = explain(compiledSet.compiled, facts);
    const reasons: Reason[] = [];
    for (const outcome of rules) {
      if (!outcome.fired) continue;
      const { rule } = compiledSet.rules[outcome.index] as CompiledRuleSet['rules'][number];
      reasons.push({
        ruleId: rule.id,
        type: rule.event.type,
        points: rule.event.params.points,
        text: renderExplanation(rule.event.params.explanation, facts, lang, catalogue),
        rationale: rule.event.params.rationale,
      });
    }
    reasons.sort((a, b) => b.points - a.points);
    return { rules, reasons };
  };
}
