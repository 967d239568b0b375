import type {
  Condition,
  FactCondition,
  JreRule,
  TopLevelCondition,
} from '../schema/condition-schema';
import { isFactReference } from '../compile/build-plan';
import {
  builtinDecorators,
  builtinOperators,
  createOperatorRegistry,
  operatorChainSafe,
  resolveOperator,
  type DecoratorFn,
  type OperatorFn,
} from '../compile/operators';

/** A small seeded PRNG (mulberry32) so failures reproduce from the seed alone. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const chance = (p: number): boolean => next() < p;
  return { next, int, pick, chance };
}
export interface Random {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Fact ids used by generated rules; `toString` checks that inherited names are not facts. */
export const randomFactIds = ['a', 'b', 'c', 'd', 'e', 'toString'] as const;
const paths = [
  '$',
  '$.x',
  '$.x.y',
  '$.arr[0]',
  '$.arr[1]',
  "$['x']",
  '$["y"]',
  '$.x.arr[0]',
  '$.length',
  '$.missing',
  '$[0]',
  '$[1]',
];
const strings = ['', 'a', 'abc', '5', '5.5', ' 7', '12abc', '-3', '1e2', 'Infinity', 'x', 'NaN'];
/** Custom operators and decorators registered in both engines. */
export const customOperatorNames = ['startsWith', 'isEven'] as const;
export const customDecoratorNames = ['orZero'] as const;

/** The custom operators both engines get in the differential test. */
export const customOperators: Readonly<Record<(typeof customOperatorNames)[number], OperatorFn>> = {
  startsWith: (a, b) => typeof a === 'string' && typeof b === 'string' && a.startsWith(b),
  isEven: (a) => typeof a === 'number' && a % 2 === 0,
};
/** The custom decorator both engines get in the differential test. */
export const customDecorators: Readonly<
  Record<(typeof customDecoratorNames)[number], DecoratorFn>
> = {
  orZero: (fv, jv, next) => next(fv ?? 0, jv),
};

function primitive(r: Random): Json {
  switch (r.int(0, 5)) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
    case 3:
      return r.chance(0.8) ? r.int(-3, 12) : r.int(-30, 120) / 10;
    default:
      return r.pick(strings);
  }
}

/** A random JSON value: primitives, arrays and objects (nested up to `depth`). */
export function randomValue(r: Random, depth = 2): Json {
  const roll = r.next();
  if (depth <= 0 || roll < 0.6) return primitive(r);
  if (roll < 0.8) {
    return Array.from({ length: r.int(0, 4) }, () => randomValue(r, depth - 1));
  }
  const obj: { [key: string]: Json } = {};
  for (const key of ['x', 'y', 'arr', 'z'])
    if (r.chance(0.6))
      obj[key] =
        key === 'arr'
          ? Array.from({ length: r.int(0, 3) }, () => primitive(r))
          : randomValue(r, depth - 1);
  return obj;
}

/** A random fact record (each fact may be missing). */
export function randomFacts(r: Random): Record<string, Json> {
  const facts: Record<string, Json> = {};
  for (const id of randomFactIds) {
    if (id === 'toString' ? r.chance(0.1) : r.chance(0.85)) facts[id] = randomValue(r);
  }
  return facts;
}

/** Value kinds for {@link randomTypedFacts}: one per fact, as typed fact-table columns hold them. */
export const typedKinds = ['number', 'string', 'boolean'] as const;
export type TypedKind = (typeof typedKinds)[number];

/**
 * A fact record whose facts each keep one kind (plus missing, null, an explicit undefined and,
 * for numbers, NaN and -0), so a table of such records gets typed columns.
 */
export function randomTypedFacts(
  r: Random,
  kinds: Readonly<Record<string, TypedKind>>,
): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const id of randomFactIds) {
    const roll = r.next();
    if (roll < 0.15) continue;
    if (roll < 0.25) facts[id] = null;
    else if (roll < 0.27) facts[id] = undefined;
    else if (kinds[id] === 'boolean') facts[id] = r.chance(0.5);
    else if (kinds[id] === 'string') facts[id] = r.pick(strings);
    else if (r.chance(0.03)) facts[id] = r.pick([Number.NaN, -0, Infinity]);
    else facts[id] = r.chance(0.8) ? r.int(-3, 12) : r.int(-30, 120) / 10;
  }
  return facts;
}

function randomOperator(r: Random): string {
  const base = r.chance(0.06) ? r.pick(customOperatorNames) : r.pick(builtinOperators);
  const chain: string[] = [];
  const decorators = r.chance(0.55) ? 0 : r.int(1, 3);
  for (let i = 0; i < decorators; i += 1) {
    chain.push(r.chance(0.05) ? r.pick(customDecoratorNames) : r.pick(builtinDecorators));
  }
  return [...chain, base].join(':');
}

function withPriority<T extends object>(r: Random, node: T): T & { priority?: number } {
  return r.chance(0.35) ? { ...node, priority: r.int(1, 3) } : node;
}

const registry = createOperatorRegistry(customOperators, customDecorators);

function leaf(r: Random): Condition {
  const node = rawLeaf(r);
  // Most conditions that can throw are re-rolled so most runs complete; some stay to test throws.
  if (r.chance(0.9))
    for (let i = 0; i < 10 && mayThrow(node); i += 1) Object.assign(node, rawLeaf(r));
  return node;
}

function mayThrow(node: FactCondition): boolean {
  const op = resolveOperator(node.operator, registry);
  return !operatorChainSafe(
    op.decorators,
    op.base,
    isFactReference(node.value) ? undefined : { value: node.value },
  );
}

function rawLeaf(r: Random): FactCondition {
  const operator = randomOperator(r);
  const base = operator.slice(operator.lastIndexOf(':') + 1);
  let value: Json;
  if (r.chance(0.15)) {
    value = r.chance(0.4)
      ? { fact: r.pick(randomFactIds), path: r.pick(paths) }
      : { fact: r.pick(randomFactIds) };
  } else if ((base === 'in' || base === 'notIn' || operator.includes('Value')) && r.chance(0.93)) {
    // Non-array values make json-rules-engine throw here; keep that rare so most runs complete.
    value =
      operator.includes('Value') && r.chance(0.3)
        ? Array.from({ length: r.int(0, 3) }, () =>
            Array.from({ length: r.int(0, 3) }, () => primitive(r)),
          )
        : Array.from({ length: r.int(0, 4) }, () => primitive(r));
  } else {
    value = randomValue(r, 1);
  }
  const node: FactCondition = { fact: r.pick(randomFactIds), operator, value };
  if (r.chance(0.3)) node.path = r.pick(paths);
  if (r.chance(0.05)) node.params = { ignored: true };
  return withPriority(r, node);
}

function condition(r: Random, depth: number, names: readonly string[]): Condition {
  const roll = r.next();
  if (depth <= 0 || roll < 0.35) return leaf(r);
  if (roll < 0.45 && names.length > 0) return withPriority(r, { condition: r.pick(names) });
  if (roll < 0.55) return withPriority(r, { not: condition(r, depth - 1, names) });
  return boolean(r, depth, names);
}

function boolean(r: Random, depth: number, names: readonly string[]): TopLevelCondition {
  const children = Array.from({ length: r.chance(0.08) ? 0 : r.int(1, 4) }, () =>
    condition(r, depth - 1, names),
  );
  return withPriority(r, r.chance(0.5) ? { all: children } : { any: children });
}

function topLevel(r: Random, depth: number, names: readonly string[]): TopLevelCondition {
  const roll = r.next();
  if (roll < 0.1) return { not: condition(r, depth - 1, names) };
  if (roll < 0.17 && names.length > 0) return { condition: r.pick(names) };
  return boolean(r, depth, names);
}

/** A random rule set: named conditions (acyclic) and 1–6 rules, nested to depth 3–4. */
export function randomRuleSet(r: Random): {
  rules: JreRule[];
  conditions: Record<string, TopLevelCondition>;
} {
  const conditions: Record<string, TopLevelCondition> = {};
  const names: string[] = [];
  for (let i = 0; i < r.int(0, 3); i += 1) {
    const name = `shared${i}`;
    conditions[name] = topLevel(r, 2, names);
    names.push(name);
  }
  const rules: JreRule[] = Array.from({ length: r.int(1, 6) }, (_, i) => {
    const rule: JreRule = {
      conditions: topLevel(r, r.int(3, 4), names),
      event: r.chance(0.8) ? { type: `e${i % 3}`, params: { rule: i } } : { type: `e${i}` },
    };
    if (r.chance(0.5)) rule.priority = r.int(1, 3);
    return rule;
  });
  return { rules, conditions };
}
