import { EngineError } from '../engine-error';

/** json-rules-engine 7.3's built-in operators. */
export const builtinOperators = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
] as const;
export type BuiltinOperator = (typeof builtinOperators)[number];

/** json-rules-engine 7.3's built-in operator decorators (`someFact:equal`, `not:in`, …). */
export const builtinDecorators = [
  'someFact',
  'someValue',
  'everyFact',
  'everyValue',
  'swap',
  'not',
] as const;
export type BuiltinDecorator = (typeof builtinDecorators)[number];

/** An operator name: a built-in, optionally behind a chain of decorators. */
export type OperatorName = BuiltinOperator | `${BuiltinDecorator}:${string}`;

/** Operators that compare numbers (the fact must look numeric). */
export const numericOperators = [
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
] as const satisfies readonly BuiltinOperator[];

/** Matches a built-in operator with any chain of built-in decorators. */
export const operatorNamePattern = new RegExp(
  `^(?:(?:${builtinDecorators.join('|')}):)*(?:${builtinOperators.join('|')})$`,
);

/** A custom operator registered in code: `(factValue, jsonValue) => boolean`. */
export type OperatorFn = (factValue: unknown, jsonValue: unknown) => boolean;
/** A custom decorator registered in code; `next` is the decorated operator. */
export type DecoratorFn = (factValue: unknown, jsonValue: unknown, next: OperatorFn) => boolean;

/** A resolved operator: its evaluation function and whether it can throw on some inputs. */
export interface ResolvedOperator {
  readonly evaluate: OperatorFn;
  /** Names of the decorators (outermost first) and the base operator. */
  readonly decorators: readonly string[];
  readonly base: string;
  readonly custom: boolean;
}

/** json-rules-engine's `numberValidator`: `Number.parseFloat(v).toString() !== 'NaN'`. */
export function looksNumeric(value: unknown): boolean {
  if (typeof value === 'number') return value === value;
  // Fast answers for the common non-numeric cases (parseFloat would stringify them first).
  if (value === undefined || value === null || typeof value === 'boolean') return false;
  return !Number.isNaN(Number.parseFloat(value as string));
}

function indexIn(container: unknown, item: unknown): number {
  if (Array.isArray(container)) return container.indexOf(item);
  // String.prototype.indexOf converts the needle with ToString, as json-rules-engine does.
  if (typeof container === 'string') return container.indexOf(item as string);
  throw new EngineError('operator_failed', 'operator needs an array or string as its container');
}

function arrayOf(value: unknown, decorator: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  throw new EngineError('operator_failed', `decorator "${decorator}" needs an array value`);
}

const lt = (a: unknown, b: unknown): boolean => (a as number) < (b as number);
const le = (a: unknown, b: unknown): boolean => (a as number) <= (b as number);
const gt = (a: unknown, b: unknown): boolean => (a as number) > (b as number);
const ge = (a: unknown, b: unknown): boolean => (a as number) >= (b as number);

/** The built-in operators with json-rules-engine's fact validators folded in. */
export const builtinOperatorFns: Readonly<Record<BuiltinOperator, OperatorFn>> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => indexIn(b, a) > -1,
  notIn: (a, b) => indexIn(b, a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => looksNumeric(a) && lt(a, b),
  lessThanInclusive: (a, b) => looksNumeric(a) && le(a, b),
  greaterThan: (a, b) => looksNumeric(a) && gt(a, b),
  greaterThanInclusive: (a, b) => looksNumeric(a) && ge(a, b),
};

const builtinDecoratorFns: Readonly<Record<BuiltinDecorator, DecoratorFn>> = {
  someFact: (fv, jv, next) => Array.isArray(fv) && fv.some((x) => next(x, jv)),
  everyFact: (fv, jv, next) => Array.isArray(fv) && fv.every((x) => next(x, jv)),
  someValue: (fv, jv, next) => arrayOf(jv, 'someValue').some((x) => next(fv, x)),
  everyValue: (fv, jv, next) => arrayOf(jv, 'everyValue').every((x) => next(fv, x)),
  swap: (fv, jv, next) => next(jv, fv),
  not: (fv, jv, next) => !next(fv, jv),
};

/** Operators and decorators available to a compilation. */
export interface OperatorRegistry {
  readonly operators: ReadonlyMap<string, OperatorFn>;
  readonly decorators: ReadonlyMap<string, DecoratorFn>;
  readonly customNames: ReadonlySet<string>;
}

/** Builds the registry: built-ins, then custom operators/decorators (which may replace built-ins). */
export function createOperatorRegistry(
  operators: Readonly<Record<string, OperatorFn>> = {},
  decorators: Readonly<Record<string, DecoratorFn>> = {},
): OperatorRegistry {
  const ops = new Map<string, OperatorFn>(Object.entries(builtinOperatorFns));
  const decs = new Map<string, DecoratorFn>(Object.entries(builtinDecoratorFns));
  const customNames = new Set<string>();
  for (const [name, fn] of Object.entries(operators)) {
    ops.set(name, fn);
    customNames.add(name);
  }
  for (const [name, fn] of Object.entries(decorators)) {
    decs.set(name, fn);
    customNames.add(name);
  }
  return { operators: ops, decorators: decs, customNames };
}

/**
 * Resolves an operator name the way json-rules-engine's OperatorMap.get does: a registered name
 * wins; otherwise peel `decorator:` prefixes (outermost first) until a registered operator is left.
 */
export function resolveOperator(name: string, registry: OperatorRegistry): ResolvedOperator {
  const decoratorNames: string[] = [];
  let opName = name;
  while (!registry.operators.has(opName)) {
    const colon = opName.indexOf(':');
    const decoratorName = colon > 0 ? opName.slice(0, colon) : undefined;
    if (decoratorName === undefined || !registry.decorators.has(decoratorName)) {
      throw new EngineError('unknown_operator', `Unknown operator: ${name}`);
    }
    decoratorNames.push(decoratorName);
    opName = opName.slice(colon + 1);
  }
  let evaluate = registry.operators.get(opName) as OperatorFn;
  for (let i = decoratorNames.length - 1; i >= 0; i -= 1) {
    const decoratorName = decoratorNames[i] as string;
    const decorate = registry.decorators.get(decoratorName) as DecoratorFn;
    const next = evaluate;
    evaluate = (fv, jv) => decorate(fv, jv, next);
  }
  const custom = [opName, ...decoratorNames].some((n) => registry.customNames.has(n));
  return { evaluate, decorators: decoratorNames, base: opName, custom };
}

type Known = { readonly value: unknown } | undefined;

/** Whether a decorator chain cannot throw for this json value (custom parts assumed safe). */
export function operatorChainSafe(
  decorators: readonly string[],
  base: string,
  jsonValue: Known,
): boolean {
  const [outer, ...rest] = decorators;
  if (outer === undefined) {
    if (base !== 'in' && base !== 'notIn') return true;
    return (
      jsonValue !== undefined &&
      (Array.isArray(jsonValue.value) || typeof jsonValue.value === 'string')
    );
  }
  switch (outer) {
    case 'someValue':
    case 'everyValue':
      if (jsonValue === undefined || !Array.isArray(jsonValue.value)) return false;
      return jsonValue.value.every((item) => operatorChainSafe(rest, base, { value: item }));
    case 'swap':
      // The fact's value becomes the json value: unknown at compile time.
      return operatorChainSafe(rest, base, undefined);
    default:
      return operatorChainSafe(rest, base, jsonValue);
  }
}

/**
 * Whether evaluating this operator can throw (json-rules-engine then rejects the whole run), so
 * the evaluator must not skip it where json-rules-engine would evaluate it. `literal` is the
 * condition's value when it is not a fact reference.
 */
export function operatorMayThrow(op: ResolvedOperator, literal: Known): boolean {
  if (op.custom) return true;
  return !operatorChainSafe(op.decorators, op.base, literal);
}
