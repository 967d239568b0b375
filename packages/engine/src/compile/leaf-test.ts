import type { SlotReader, Values } from './fact-reader';
import { looksNumeric, type OperatorFn, type ResolvedOperator } from './operators';
import type { Test } from './plan';

type Compare = (a: number, b: number) => boolean;
const numericCompare: Readonly<Record<string, Compare>> = {
  lessThan: (a, b) => a < b,
  lessThanInclusive: (a, b) => a <= b,
  greaterThan: (a, b) => a > b,
  greaterThanInclusive: (a, b) => a >= b,
};

/**
 * Builds the closure for a leaf condition. Common shapes (built-in operator, literal value) get
 * specialised closures; everything else goes through the resolved operator chain.
 */
export function createLeafTest(
  slot: number,
  readFact: SlotReader,
  readValue: SlotReader,
  op: ResolvedOperator,
  literal: { readonly value: unknown } | undefined,
  hasPath: boolean,
): Test {
  const plain = literal !== undefined && op.decorators.length === 0 && !op.custom;
  if (!plain) return genericTest(readFact, readValue, op.evaluate);
  const value = literal.value;
  if (!hasPath) {
    const direct = directTest(slot, op, value);
    if (direct) return direct;
  }
  const compare = numericCompare[op.base];
  if (compare !== undefined && typeof value === 'number')
    return numericTest(readFact, value, compare, op.evaluate);
  return genericTest(readFact, readValue, op.evaluate);
}

/** Closures that read the slot directly (no reader call) for the most common leaf shapes. */
function directTest(slot: number, op: ResolvedOperator, value: unknown): Test | undefined {
  switch (op.base) {
    case 'equal':
      return (values) => values[slot] === value;
    case 'notEqual':
      return (values) => values[slot] !== value;
    case 'in':
      return Array.isArray(value) ? (values) => value.indexOf(values[slot]) > -1 : undefined;
    case 'notIn':
      return Array.isArray(value) ? (values) => value.indexOf(values[slot]) === -1 : undefined;
    case 'greaterThanInclusive':
      if (typeof value !== 'number') return undefined;
      return (values) => {
        const fact = values[slot];
        return typeof fact === 'number'
          ? fact >= value
          : fact !== undefined && op.evaluate(fact, value);
      };
    case 'greaterThan':
      if (typeof value !== 'number') return undefined;
      return (values) => {
        const fact = values[slot];
        return typeof fact === 'number'
          ? fact > value
          : fact !== undefined && op.evaluate(fact, value);
      };
    case 'lessThan':
      if (typeof value !== 'number') return undefined;
      return (values) => {
        const fact = values[slot];
        return typeof fact === 'number'
          ? fact < value
          : fact !== undefined && op.evaluate(fact, value);
      };
    case 'lessThanInclusive':
      if (typeof value !== 'number') return undefined;
      return (values) => {
        const fact = values[slot];
        return typeof fact === 'number'
          ? fact <= value
          : fact !== undefined && op.evaluate(fact, value);
      };
    default:
      return undefined;
  }
}

function numericTest(
  readFact: SlotReader,
  value: number,
  compare: Compare,
  evaluate: OperatorFn,
): Test {
  return function numericLeaf(values: Values) {
    const fact = readFact(values);
    // Numbers skip json-rules-engine's parseFloat check (NaN compares false anyway).
    if (typeof fact === 'number') return compare(fact, value);
    return looksNumeric(fact) && evaluate(fact, value);
  };
}

function genericTest(readFact: SlotReader, readValue: SlotReader, evaluate: OperatorFn): Test {
  return function leaf(values: Values) {
    return evaluate(readFact(values), readValue(values));
  };
}
