import {
  createExplainer,
  createScorer,
  loadRuleSet,
  renderExplanation,
  type ConditionExplanation,
  type FactDefinition,
  type ValidationError,
} from '@mimamori/engine';
import type { SimulationFacts, SimulationResult } from '../schemas/simulate';

/** Outcome of a simulation: an invalid document is an expected failure, not an exception. */
export type SimulationOutcome =
  { ok: true; result: SimulationResult } | { ok: false; errors: readonly ValidationError[] };

/** The API's condition tree: leaves carry the fact's label and value, groups their children. */
type ExplainedNode =
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

function toNode(
  node: ConditionExplanation,
  catalogue: ReadonlyMap<string, FactDefinition>,
): ExplainedNode {
  switch (node.kind) {
    case 'fact':
      return {
        fact: node.fact,
        label: catalogue.get(node.fact)?.label.ja ?? node.fact,
        value: node.factValue ?? null,
        operator: node.operator,
        expected: node.expected ?? null,
        result: node.result,
        skipped: node.skipped,
      };
    case 'all':
    case 'any':
      return {
        kind: node.kind,
        result: node.result,
        skipped: node.skipped,
        children: node.children.map((child) => toNode(child, catalogue)),
      };
    case 'not':
      return {
        kind: 'not',
        result: node.result,
        skipped: node.skipped,
        children: [toNode(node.child, catalogue)],
      };
    case 'condition':
      return {
        kind: 'condition',
        name: node.name,
        result: node.result,
        skipped: node.skipped,
        children: [toNode(node.child, catalogue)],
      };
  }
}

/**
 * Scores and explains one set of facts against a rule-set document: every enabled rule, fired
 * or not, with its condition tree lit. Nothing is stored; the facts are pseudonymous.
 * @example
 * const outcome = simulateChild(document, { 'school.absenceDays': 42 });
 * if (outcome.ok) outcome.result.scores.futoko; // { points: 3, level: 'watch' }
 */
export function simulateChild(document: unknown, facts: SimulationFacts): SimulationOutcome {
  const loaded = loadRuleSet(document);
  if (!loaded.ok) return { ok: false, errors: loaded.errors };
  const scorer = createScorer(loaded.ruleSet);
  const catalogue = new Map(loaded.ruleSet.facts.map((f) => [f.id, f] as const));
  const explained = createExplainer(scorer)(facts, 'ja');
  const scores: SimulationResult['scores'] = {};
  for (const [type, score] of Object.entries(scorer.score(facts))) {
    scores[type] = { points: score.points, level: score.level };
  }
  const rules = explained.rules.map(function explainRule(outcome) {
    const { rule, points } = scorer.rules[outcome.index]!;
    return {
      ruleId: rule.id,
      name: rule.name?.ja ?? rule.id,
      type: rule.event.type,
      points,
      fired: outcome.fired,
      explanation: renderExplanation(rule.event.params.explanation, facts, 'ja', catalogue),
      conditions: toNode(outcome.conditions, catalogue),
    };
  });
  return { ok: true, result: { scores, rules } };
}
