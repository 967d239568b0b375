import type { z } from 'zod';
import { compileRules, type CompiledRules, type CompileOptions } from '../compile/compile-rules';
import type { JreRule } from '../schema/condition-schema';
import type { Rule, RuleSet } from '../schema/rule-set-schema';
import { factsUsed } from '../validate/check-rule-set';

/** A rule of a rule set with what scoring needs precomputed. */
export interface ScoredRule {
  readonly rule: Rule;
  readonly typeIndex: number;
  readonly points: number;
  /** Every fact the rule reads is held outside the school. */
  readonly outsideSchool: boolean;
}

/** A rule set compiled for evaluation and scoring (disabled rules left out). */
export interface CompiledRuleSet {
  readonly ruleSet: RuleSet;
  readonly compiled: CompiledRules;
  /** Enabled rules, in the same order as `compiled.rules`. */
  readonly rules: readonly ScoredRule[];
}

/** The json-rules-engine form of a rule-set rule (`name` = rule id). */
export function toJreRule(rule: Rule): JreRule {
  // A JSON round trip drops optional keys that zod typed as `string | undefined`.
  const params = JSON.parse(JSON.stringify(rule.event.params)) as Record<
    string,
    z.core.util.JSONType
  >;
  const jre: JreRule = {
    name: rule.id,
    conditions: rule.conditions,
    event: { type: rule.event.type, params },
  };
  if (rule.priority !== undefined) jre.priority = rule.priority;
  return jre;
}

/**
 * Compiles a validated rule set (see `loadRuleSet`).
 *
 * @example
 * const loaded = loadRuleSet(json);
 * if (loaded.ok) compileRuleSet(loaded.ruleSet).compiled.evaluate(facts);
 */
export function compileRuleSet(
  ruleSet: RuleSet,
  options: Omit<CompileOptions, 'conditions'> = {},
): CompiledRuleSet {
  const enabled = ruleSet.rules.filter((r) => r.enabled !== false);
  const named = ruleSet.conditions ?? {};
  const compiled = compileRules(enabled.map(toJreRule), { ...options, conditions: named });
  const outside = new Set(ruleSet.facts.filter((f) => f.outsideSchool).map((f) => f.id));
  const typeIndex = new Map(ruleSet.types.map((t, i) => [t.id, i] as const));
  const rules = enabled.map((rule) => {
    const used = factsUsed(rule.conditions, named);
    return {
      rule,
      typeIndex: typeIndex.get(rule.event.type) ?? -1,
      points: rule.event.params.points,
      outsideSchool: used.size > 0 && [...used].every((id) => outside.has(id)),
    };
  });
  return { ruleSet, compiled, rules };
}
