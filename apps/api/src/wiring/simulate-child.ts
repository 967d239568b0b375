import {
  createRuleDescriber,
  createScorer,
  explain,
  loadRuleSet,
  type ValidationError,
} from '@mimamori/engine';
import type { SimulationFacts, SimulationResult } from '../schemas/simulate';

/** Outcome of a simulation: an invalid document is an expected failure, not an exception. */
export type SimulationOutcome =
  { ok: true; result: SimulationResult } | { ok: false; errors: readonly ValidationError[] };

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
  const scores: SimulationResult['scores'] = {};
  for (const [type, score] of Object.entries(scorer.score(facts))) {
    scores[type] = { points: score.points, level: score.level };
  }
  const rules = createRuleDescriber(scorer)(explain(scorer.compiled, facts).rules, facts, 'ja');
  return { ok: true, result: { scores, rules } };
}
