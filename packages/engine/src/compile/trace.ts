import { EngineError } from '../engine-error';
import { hasFact, type Facts } from './fact-reader';
import type { BooleanPlan, FactPlan, PlanNode, RulePlan } from './plan';

/** How one condition came out for one fact record. */
export type ConditionExplanation =
  | {
      readonly kind: 'fact';
      readonly fact: string;
      readonly path: string | undefined;
      /** The fact's value after `path`. */
      readonly factValue: unknown;
      readonly operator: string;
      /** `value` as written in the rule. */
      readonly value: unknown;
      /** The value compared against (the other fact's value for fact-to-fact conditions). */
      readonly expected: unknown;
      readonly result: boolean;
      /** json-rules-engine would not have evaluated this (short-circuit); we did anyway. */
      readonly skipped: boolean;
      /** Set when the operator failed on these values (only possible for skipped conditions). */
      readonly error?: string;
    }
  | {
      readonly kind: 'all' | 'any';
      readonly result: boolean;
      readonly skipped: boolean;
      readonly children: readonly ConditionExplanation[];
    }
  | {
      readonly kind: 'not';
      readonly result: boolean;
      readonly skipped: boolean;
      readonly child: ConditionExplanation;
    }
  | {
      readonly kind: 'condition';
      readonly name: string;
      readonly result: boolean;
      readonly skipped: boolean;
      readonly child: ConditionExplanation;
    };

/**
 * Result of tracing a node. `level` is the microtask depth at which json-rules-engine's promise
 * for this node settles; it decides the order of events from rules of equal priority.
 */
interface Outcome {
  readonly result: boolean;
  readonly level: number;
  readonly explanation: ConditionExplanation | undefined;
}

function traceFact(
  node: FactPlan,
  facts: Facts,
  start: number,
  skipped: boolean,
  explain: boolean,
): Outcome {
  const factValue = node.readFact(facts);
  const expected = node.readValue(facts);
  let result = false;
  let error: string | undefined;
  try {
    result = node.evaluate(factValue, expected);
  } catch (cause) {
    if (!skipped) throw cause;
    error = cause instanceof EngineError ? cause.code : 'operator_failed';
  }
  // Promise.all([value, fact]).then(evaluate).then(record); a path adds one `then` when the fact exists.
  const factDelay = node.path && hasFact(facts, node.fact) ? 1 : 0;
  const vf = node.valueFact;
  const valueDelay = vf?.path && hasFact(facts, vf.fact) ? 1 : 0;
  const level = start + 3 + Math.max(factDelay, valueDelay);
  if (!explain) return { result, level, explanation: undefined };
  const explanation: ConditionExplanation = {
    kind: 'fact',
    fact: node.fact,
    path: node.path,
    factValue,
    operator: node.operator,
    value: node.value,
    expected,
    result,
    skipped,
    ...(error === undefined ? {} : { error }),
  };
  return { result, level, explanation };
}

function traceBoolean(
  node: BooleanPlan,
  facts: Facts,
  start: number,
  skipped: boolean,
  explain: boolean,
): Outcome {
  const { children, kind } = node;
  const parts: ConditionExplanation[] = [];
  let result = true;
  let settled = start;
  if (children.length === 1) {
    const only = traceNode(children[0] as PlanNode, facts, start, skipped, explain);
    result = only.result;
    settled = only.level;
    if (only.explanation) parts.push(only.explanation);
  } else if (children.length > 1) {
    // cursor = Promise.resolve(init); per priority group: cursor.then(r => decided ? r : Promise.all(group)…)
    let current = kind === 'all';
    for (const group of node.buckets) {
      const decided = kind === 'all' ? !current : current;
      if (decided) {
        settled += 1;
        if (explain)
          for (const child of group)
            record(parts, children, child, traceNode(child, facts, 0, true, true));
        continue;
      }
      const begin = settled + 1;
      let last = begin;
      let aggregate = kind === 'all';
      for (const child of group) {
        const outcome = traceNode(child, facts, begin, skipped, explain);
        if (outcome.level > last) last = outcome.level;
        aggregate = kind === 'all' ? aggregate && outcome.result : aggregate || outcome.result;
        if (explain) record(parts, children, child, outcome);
      }
      settled = last + 3;
      current = aggregate;
    }
    result = current;
  }
  const explanation: ConditionExplanation | undefined = explain
    ? { kind, result, skipped, children: parts }
    : undefined;
  return { result, level: settled + 1, explanation };
}

function record(
  parts: ConditionExplanation[],
  children: readonly PlanNode[],
  child: PlanNode,
  outcome: Outcome,
): void {
  if (outcome.explanation) parts[children.indexOf(child)] = outcome.explanation;
}

/** Evaluates a plan node with json-rules-engine's evaluation order, timing and (optional) explanation. */
export function traceNode(
  node: PlanNode,
  facts: Facts,
  start: number,
  skipped: boolean,
  explain: boolean,
): Outcome {
  switch (node.kind) {
    case 'fact':
      return traceFact(node, facts, start, skipped, explain);
    case 'all':
    case 'any':
      return traceBoolean(node, facts, start, skipped, explain);
    case 'not': {
      const inner = traceNode(node.child, facts, start, skipped, explain);
      const result = !inner.result;
      const explanation: ConditionExplanation | undefined = inner.explanation
        ? { kind: 'not', result, skipped, child: inner.explanation }
        : undefined;
      return { result, level: inner.level + 2, explanation };
    }
    case 'condition': {
      const inner = traceNode(node.target, facts, start, skipped, explain);
      const explanation: ConditionExplanation | undefined = inner.explanation
        ? {
            kind: 'condition',
            name: node.name,
            result: inner.result,
            skipped,
            child: inner.explanation,
          }
        : undefined;
      return { result: inner.result, level: inner.level, explanation };
    }
  }
}

/** Rule-level settle depth: the root all/any/not skips its own `.then(passes)`; a reference does not. */
export function ruleLevel(rule: RulePlan, facts: Facts): number {
  const { level } = traceNode(rule.root, facts, 0, false, false);
  return rule.root.kind === 'condition' ? level : level - 1;
}

/** The settle depth when it does not depend on the facts (no paths, single priority groups). */
export function staticRuleLevel(rule: RulePlan): number | undefined {
  const level = staticLevel(rule.root, 0);
  if (level === undefined) return undefined;
  return rule.root.kind === 'condition' ? level : level - 1;
}

function staticLevel(node: PlanNode, start: number): number | undefined {
  switch (node.kind) {
    case 'fact':
      return node.path || node.valueFact?.path ? undefined : start + 3;
    case 'not': {
      const inner = staticLevel(node.child, start);
      return inner === undefined ? undefined : inner + 2;
    }
    case 'condition':
      return staticLevel(node.target, start);
    default: {
      if (node.children.length === 0) return start + 1;
      if (node.children.length === 1) {
        const inner = staticLevel(node.children[0] as PlanNode, start);
        return inner === undefined ? undefined : inner + 1;
      }
      if (node.buckets.length > 1) return undefined;
      let last = start + 1;
      for (const child of node.children) {
        const inner = staticLevel(child, start + 1);
        if (inner === undefined) return undefined;
        if (inner > last) last = inner;
      }
      return last + 4;
    }
  }
}
