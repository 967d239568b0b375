import type { Facts } from '../compile/fact-reader';
import type { ConditionExplanation } from '../compile/trace';
import type { CompiledRuleSet } from '../rule-set/compile-rule-set';
import type { FactDefinition } from '../schema/rule-set-schema';
import type { RuleExplanation } from './explain';
import { renderExplanation, type ExplanationLanguage } from './render-explanation';

/** A condition tree for people: leaves carry the fact's label and value, groups their children. */
export type ExplainedNode =
  | {
      fact: string;
      label: string;
      value: unknown;
      operator: string;
      expected: unknown;
      result: boolean;
      skipped: boolean;
    }
  | {
      kind: 'all' | 'any' | 'not' | 'condition';
      name?: string;
      result: boolean;
      skipped: boolean;
      children: ExplainedNode[];
    };

/** One rule for one child: fired or not, its rendered explanation and its lit condition tree. */
export interface ExplainedRule {
  ruleId: string;
  name: string;
  type: string;
  points: number;
  fired: boolean;
  explanation: string;
  conditions: ExplainedNode;
}

type Catalogue = ReadonlyMap<string, FactDefinition>;

function toNode(node: ConditionExplanation, catalogue: Catalogue, lang: ExplanationLanguage) {
  const children = (list: readonly ConditionExplanation[]) =>
    list.map((child): ExplainedNode => toNode(child, catalogue, lang));
  switch (node.kind) {
    case 'fact':
      return {
        fact: node.fact,
        label: catalogue.get(node.fact)?.label[lang] ?? node.fact,
        value: node.factValue ?? null,
        operator: node.operator,
        expected: node.expected ?? null,
        result: node.result,
        skipped: node.skipped,
      } satisfies ExplainedNode;
    case 'all':
    case 'any':
      return {
        kind: node.kind,
        result: node.result,
        skipped: node.skipped,
        children: children(node.children),
      } satisfies ExplainedNode;
    case 'not':
      return {
        kind: 'not',
        result: node.result,
        skipped: node.skipped,
        children: children([node.child]),
      } satisfies ExplainedNode;
    case 'condition':
      return {
        kind: 'condition',
        name: node.name,
        result: node.result,
        skipped: node.skipped,
        children: children([node.child]),
      } satisfies ExplainedNode;
  }
}

/**
 * Puts rule outcomes (from `explain`) in words for people: the rule's name, its explanation with
 * the child's values filled in, and the condition tree with fact labels. What a stored run keeps
 * for a flagged child, and what a simulation shows.
 * @example
 * const describe = createRuleDescriber(scorer);
 * const { rules } = explain(scorer.compiled, facts);
 * describe(rules.filter((r) => r.fired), facts, 'ja')[0]?.explanation; // '欠席日数 42日 …'
 */
export function createRuleDescriber(
  compiledSet: CompiledRuleSet,
): (
  outcomes: readonly RuleExplanation[],
  facts: Facts,
  lang: ExplanationLanguage,
) => ExplainedRule[] {
  const catalogue: Catalogue = new Map(compiledSet.ruleSet.facts.map((f) => [f.id, f]));
  return function describeRules(outcomes, facts, lang) {
    return outcomes.map(function describeRule(outcome): ExplainedRule {
      const { rule } = compiledSet.rules[outcome.index] as CompiledRuleSet['rules'][number];
      return {
        ruleId: rule.id,
        name: rule.name?.[lang] ?? rule.id,
        type: rule.event.type,
        points: rule.event.params.points,
        fired: outcome.fired,
        explanation: renderExplanation(rule.event.params.explanation, facts, lang, catalogue),
        conditions: toNode(outcome.conditions, catalogue, lang),
      };
    });
  };
}
