import type { CompiledRules, RuleEvent } from '../compile/compile-rules';
import type { Facts } from '../compile/fact-reader';
import { traceNode, type ConditionExplanation } from '../compile/trace';

/** One rule's outcome for one fact record, with every condition's values and result. */
export interface RuleExplanation {
  /** Position among the compiled rules. */
  readonly index: number;
  readonly name: string | undefined;
  readonly priority: number;
  readonly fired: boolean;
  readonly event: RuleEvent;
  readonly conditions: ConditionExplanation;
}

/**
 * Explains every rule for one fact record: fired or not, and the full condition tree, including
 * conditions json-rules-engine's short-circuit would skip (marked `skipped`).
 *
 * @example
 * const { rules } = explain(compileRules(rules), { age: 20 });
 * rules[0]?.conditions; // { kind: 'all', result: true, children: [{ kind: 'fact', fact: 'age', … }] }
 */
export function explain(
  compiled: CompiledRules,
  facts: Facts,
): { events: RuleEvent[]; rules: RuleExplanation[] } {
  const { events } = compiled.evaluate(facts);
  const rules = compiled.rules.map((rule): RuleExplanation => {
    const outcome = traceNode(rule.root, facts, 0, false, true);
    return {
      index: rule.index,
      name: rule.name,
      priority: rule.priority,
      fired: outcome.result,
      event: rule.event,
      conditions: outcome.explanation as ConditionExplanation,
    };
  });
  return { events, rules };
}
