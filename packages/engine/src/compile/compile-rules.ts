import { EngineError } from '../engine-error';
import {
  jreNamedConditionsSchema,
  jreRulesSchema,
  type JreRule,
  type TopLevelCondition,
} from '../schema/condition-schema';
import { formatIssues } from '../validate/zod-issues';
import { createPlanBuilder } from './build-plan';
import { createFactSlots, extractSlots, type Facts, type Values } from './fact-reader';
import { createOperatorRegistry, type DecoratorFn, type OperatorFn } from './operators';
import { bucketByPriority, type RulePlan } from './plan';
import { ruleLevel, staticRuleLevel } from './trace';

/** An event a rule fired: json-rules-engine's `{ type, params? }`. */
export interface RuleEvent {
  readonly type: string;
  readonly params?: unknown;
}

/** Options for {@link compileRules}. */
export interface CompileOptions {
  /** Custom operators, as `engine.addOperator(name, fn)`. */
  readonly operators?: Readonly<Record<string, OperatorFn>>;
  /** Custom decorators, as `engine.addOperatorDecorator(name, fn)`. */
  readonly decorators?: Readonly<Record<string, DecoratorFn>>;
  /** Shared named conditions, as `engine.setCondition(name, condition)`. */
  readonly conditions?: Readonly<Record<string, TopLevelCondition>>;
}

/** Rules compiled to synchronous closures with json-rules-engine 7.3 semantics. */
export interface CompiledRules {
  /** Rule plans in input order. */
  readonly rules: readonly RulePlan[];
  /** Fact ids the rules read, in slot order (see `extractSlots`). */
  readonly factIds: readonly string[];
  /** Runs every rule; `events` are in the order json-rules-engine's `run()` would list them. */
  evaluate(facts: Facts): { events: RuleEvent[] };
  /** The rules whose conditions hold, in input order. */
  fired(facts: Facts): RulePlan[];
}

interface PriorityGroup {
  readonly rules: readonly RulePlan[];
  /** Settle depth per rule when fact-independent, else undefined. */
  readonly staticLevels: readonly (number | undefined)[];
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Compiles json-rules-engine rules into a synchronous evaluator (closures, no code generation),
 * matching `new Engine(rules, { allowUndefinedFacts: true }).run(facts)`.
 *
 * @example
 * const compiled = compileRules([{ conditions: { all: [{ fact: 'age', operator: 'greaterThan', value: 17 }] }, event: { type: 'adult' } }]);
 * compiled.evaluate({ age: 20 }).events; // [{ type: 'adult' }]
 */
export function compileRules(
  rules: readonly JreRule[],
  options: CompileOptions = {},
): CompiledRules {
  const parsedRules = jreRulesSchema.safeParse(rules);
  if (!parsedRules.success) {
    throw new EngineError(
      'invalid_rules',
      `Invalid rules: ${formatIssues(parsedRules.error, rules)}`,
      {
        cause: parsedRules.error,
      },
    );
  }
  const parsedConditions = jreNamedConditionsSchema.safeParse(options.conditions ?? {});
  if (!parsedConditions.success) {
    throw new EngineError(
      'invalid_rules',
      `Invalid named conditions: ${formatIssues(parsedConditions.error, options.conditions ?? {})}`,
      { cause: parsedConditions.error },
    );
  }
  const registry = createOperatorRegistry(options.operators, options.decorators);
  const slots = createFactSlots();
  const builder = createPlanBuilder(registry, parsedConditions.data, slots);
  const plans: RulePlan[] = parsedRules.data.map((rule, index) => {
    const root = builder.build(rule.conditions);
    const { type, params } = rule.event;
    const event: RuleEvent = deepFreeze(params ? { type, params } : { type });
    return {
      index,
      name: rule.name,
      priority: rule.priority ?? 1,
      root,
      event,
      test: root.test,
      source: { conditions: rule.conditions },
    };
  });
  const groups: PriorityGroup[] = bucketByPriority(plans).map((group) => ({
    rules: group,
    staticLevels: group.map(staticRuleLevel),
  }));

  function evaluate(facts: Facts): { events: RuleEvent[] } {
    const values: Values = extractSlots(slots.ids, facts, new Array<unknown>(slots.ids.length));
    const events: RuleEvent[] = [];
    for (const group of groups) {
      const fired: number[] = [];
      // Every rule of a priority group runs (json-rules-engine awaits them with Promise.all).
      for (let i = 0; i < group.rules.length; i += 1)
        if ((group.rules[i] as RulePlan).test(values)) fired.push(i);
      if (fired.length > 1) orderFired(group, fired, facts);
      for (const i of fired) events.push((group.rules[i] as RulePlan).event);
    }
    return { events };
  }
  function fired(facts: Facts): RulePlan[] {
    const values: Values = extractSlots(slots.ids, facts, new Array<unknown>(slots.ids.length));
    return plans.filter((rule) => rule.test(values));
  }
  return { rules: plans, factIds: slots.ids, evaluate, fired };
}

/** Rules of one priority settle concurrently; json-rules-engine records events as they settle. */
function orderFired(group: PriorityGroup, fired: number[], facts: Facts): void {
  const levels = new Map<number, number>();
  for (const i of fired) {
    levels.set(i, group.staticLevels[i] ?? ruleLevel(group.rules[i] as RulePlan, facts));
  }
  fired.sort((a, b) => (levels.get(a) as number) - (levels.get(b) as number) || a - b);
}
