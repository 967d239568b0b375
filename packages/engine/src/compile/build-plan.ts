import { EngineError } from '../engine-error';
import type { Condition, FactCondition, TopLevelCondition } from '../schema/condition-schema';
import { createAllTest, createAnyTest } from './boolean-test';
import {
  createFactReader,
  createSlotReader,
  type FactReader,
  type FactSlots,
  type SlotReader,
} from './fact-reader';
import { createLeafTest } from './leaf-test';
import { operatorMayThrow, resolveOperator, type OperatorRegistry } from './operators';
import { bucketByPriority, type FactPlan, type PlanNode } from './plan';

/** json-rules-engine's test for a fact-to-fact value: a non-null object with an own `fact`. */
export function isFactReference(value: unknown): value is { fact: unknown; path?: unknown } {
  return value !== null && typeof value === 'object' && Object.hasOwn(value, 'fact');
}

/** Compiles condition trees into plans; named conditions are compiled once and shared. */
export interface PlanBuilder {
  build(condition: Condition): PlanNode;
  named(name: string): PlanNode;
}

/** Creates a {@link PlanBuilder} over an operator registry and named conditions. */
export function createPlanBuilder(
  registry: OperatorRegistry,
  namedConditions: Readonly<Record<string, TopLevelCondition>>,
  slots: FactSlots,
): PlanBuilder {
  const compiledNamed = new Map<string, PlanNode>();
  const building = new Set<string>();

  function build(condition: Condition): PlanNode {
    const priority = condition.priority ?? 1;
    if ('all' in condition || 'any' in condition) {
      const kind = 'all' in condition ? 'all' : 'any';
      const children = ('all' in condition ? condition.all : condition.any).map((c) => build(c));
      const buckets = bucketByPriority(children);
      const test =
        kind === 'all' ? createAllTest(children, buckets) : createAnyTest(children, buckets);
      const mayThrow = children.some((c) => c.mayThrow);
      return { kind, children, buckets, priority, mayThrow, test };
    }
    if ('not' in condition) {
      const child = build(condition.not);
      const childTest = child.test;
      return {
        kind: 'not',
        child,
        priority,
        mayThrow: child.mayThrow,
        test: (values) => !childTest(values),
      };
    }
    if ('condition' in condition) {
      const target = named(condition.condition);
      return {
        kind: 'condition',
        name: condition.condition,
        target,
        priority,
        mayThrow: target.mayThrow,
        test: target.test,
      };
    }
    return leaf(condition, priority);
  }

  function named(name: string): PlanNode {
    const done = compiledNamed.get(name);
    if (done) return done;
    if (!Object.hasOwn(namedConditions, name)) {
      throw new EngineError('unknown_condition', `No condition ${name} exists`);
    }
    if (building.has(name)) {
      throw new EngineError('condition_cycle', `Named condition ${name} refers to itself`);
    }
    building.add(name);
    const plan = build(namedConditions[name] as TopLevelCondition);
    building.delete(name);
    compiledNamed.set(name, plan);
    return plan;
  }

  function leaf(condition: FactCondition, priority: number): FactPlan {
    const op = resolveOperator(condition.operator, registry);
    const readFact = createFactReader(condition.fact, condition.path);
    const raw: unknown = condition.value;
    let valueFact: FactPlan['valueFact'];
    const slot = slots.slotOf(condition.fact);
    let readValue: FactReader = () => raw;
    let readValueSlot: SlotReader = () => raw;
    let literal: { value: unknown } | undefined = { value: raw };
    if (isFactReference(raw)) {
      if (
        typeof raw.fact !== 'string' ||
        (raw.path !== undefined && typeof raw.path !== 'string')
      ) {
        throw new EngineError(
          'invalid_rules',
          'A fact-to-fact value needs a string "fact" and "path"',
        );
      }
      valueFact = { fact: raw.fact, path: raw.path };
      readValue = createFactReader(raw.fact, raw.path);
      readValueSlot = createSlotReader(slots.slotOf(raw.fact), raw.path);
      literal = undefined;
    }
    const readSlot = createSlotReader(slot, condition.path);
    const test = createLeafTest(
      slot,
      readSlot,
      readValueSlot,
      op,
      literal,
      Boolean(condition.path),
    );
    return {
      kind: 'fact',
      fact: condition.fact,
      path: condition.path,
      readFact,
      slot,
      valueSlot: valueFact ? slots.slotOf(valueFact.fact) : undefined,
      resolvedOperator: op,
      operator: condition.operator,
      evaluate: op.evaluate,
      value: raw,
      valueFact,
      readValue,
      priority,
      mayThrow: operatorMayThrow(op, literal),
      test,
    };
  }
  return { build, named };
}
