import { createPathResolver } from '../compile/fact-reader';
import type { FactPlan, PlanNode } from '../compile/plan';
import { MISSING, NAN, NULL, readFactValue, type FactColumn } from './fact-table';

/**
 * Evaluates a condition for rows start..end-1 of a fact table, writing 1/0 into out[0..end-start)
 * and returning how many rows hold (so callers can skip empty blocks).
 */
export type MaskTest = (start: number, end: number, out: Uint8Array) => number;

/** Looks up the table column read by a fact slot (undefined: every row reads undefined). */
export type ColumnOf = (slot: number) => FactColumn | undefined;

function constant(result: boolean): MaskTest {
  const bit = result ? 1 : 0;
  return function constantMask(start, end, out) {
    out.fill(bit, 0, end - start);
    return bit * (end - start);
  };
}

/** Rows read a code: one lookup in a truth table computed from the distinct values. */
function lookup(codes: Uint8Array | Int32Array, table: Uint8Array): MaskTest {
  return function lookupMask(start, end, out) {
    let hits = 0;
    for (let i = start, j = 0; i < end; i += 1, j += 1) {
      const bit = table[codes[i] as number] as number;
      out[j] = bit;
      hits += bit;
    }
    return hits;
  };
}

/** One loop per comparison so the comparison is inlined; NaN (no number) compares false. */
function compareNumbers(values: Float64Array, base: string, literal: number): MaskTest | undefined {
  switch (base) {
    case 'lessThan':
      return function lessThanMask(start, end, out) {
        let hits = 0;
        for (let i = start, j = 0; i < end; i += 1, j += 1) {
          const bit = (values[i] as number) < literal ? 1 : 0;
          out[j] = bit;
          hits += bit;
        }
        return hits;
      };
    case 'lessThanInclusive':
      return function lessThanInclusiveMask(start, end, out) {
        let hits = 0;
        for (let i = start, j = 0; i < end; i += 1, j += 1) {
          const bit = (values[i] as number) <= literal ? 1 : 0;
          out[j] = bit;
          hits += bit;
        }
        return hits;
      };
    case 'greaterThan':
      return function greaterThanMask(start, end, out) {
        let hits = 0;
        for (let i = start, j = 0; i < end; i += 1, j += 1) {
          const bit = (values[i] as number) > literal ? 1 : 0;
          out[j] = bit;
          hits += bit;
        }
        return hits;
      };
    case 'greaterThanInclusive':
      return function greaterThanInclusiveMask(start, end, out) {
        let hits = 0;
        for (let i = start, j = 0; i < end; i += 1, j += 1) {
          const bit = (values[i] as number) >= literal ? 1 : 0;
          out[j] = bit;
          hits += bit;
        }
        return hits;
      };
    case 'equal':
    case 'notEqual': {
      const equalBit = base === 'equal' ? 1 : 0;
      return function equalNumberMask(start, end, out) {
        let hits = 0;
        for (let i = start, j = 0; i < end; i += 1, j += 1) {
          const bit = values[i] === literal ? equalBit : 1 - equalBit;
          out[j] = bit;
          hits += bit;
        }
        return hits;
      };
    }
    default:
      return undefined;
  }
}

/** Number column, any operator: numbers go through `test`, the rest through a 3-entry table. */
function numberRows(
  values: Float64Array,
  states: Uint8Array | undefined,
  test: (value: unknown) => boolean,
): MaskTest {
  const other = Uint8Array.from([MISSING, NULL, NAN], (state) =>
    test(state === NULL ? null : state === NAN ? Number.NaN : undefined) ? 1 : 0,
  );
  return function numberRowsMask(start, end, out) {
    let hits = 0;
    for (let i = start, j = 0; i < end; i += 1, j += 1) {
      const value = values[i] as number;
      let bit: number;
      if (value === value) bit = test(value) ? 1 : 0;
      else bit = other[states ? (states[i] as number) : MISSING] as number;
      out[j] = bit;
      hits += bit;
    }
    return hits;
  };
}

/**
 * A leaf against a literal. Operators with a literal are pure functions of the fact value, so
 * boolean and code columns get a truth table over their few distinct values (computed by the
 * operator itself, hence exact); numbers get inlined comparisons for the plain numeric operators.
 * `path` only applies to objects, so it changes nothing on typed columns.
 */
function literalLeaf(node: FactPlan, column: FactColumn | undefined): MaskTest {
  const { evaluate, value: literal } = node;
  const resolve = createPathResolver(node.path);
  const test = resolve
    ? (fact: unknown) => evaluate(resolve(fact), literal)
    : (fact: unknown) => evaluate(fact, literal);
  if (column === undefined) return constant(test(undefined));
  switch (column.kind) {
    case 'boolean':
      return lookup(
        column.codes,
        Uint8Array.from([undefined, null, false, true], (v) => (test(v) ? 1 : 0)),
      );
    case 'code': {
      const table = new Uint8Array(column.dictionary.length + 2);
      table[MISSING] = test(undefined) ? 1 : 0;
      table[NULL] = test(null) ? 1 : 0;
      column.dictionary.forEach((v, k) => (table[k + 2] = test(v) ? 1 : 0));
      return lookup(column.codes, table);
    }
    case 'number': {
      const op = node.resolvedOperator;
      const plain = op.decorators.length === 0 && !op.custom && typeof literal === 'number';
      const inlined = plain ? compareNumbers(column.values, op.base, literal) : undefined;
      return inlined ?? numberRows(column.values, column.states, test);
    }
    default: {
      const { values } = column;
      return function valuesMask(start, end, out) {
        let hits = 0;
        for (let i = start, j = 0; i < end; i += 1, j += 1) {
          const bit = test(values[i]) ? 1 : 0;
          out[j] = bit;
          hits += bit;
        }
        return hits;
      };
    }
  }
}

/** Fact-to-fact comparison: both values read back exactly, row by row. */
function factToFactLeaf(node: FactPlan, columnOf: ColumnOf, valueSlot: number): MaskTest {
  const column = columnOf(node.slot);
  const valueColumn = columnOf(valueSlot);
  const factPath = createPathResolver(node.path);
  const valuePath = createPathResolver(node.valueFact?.path);
  const { evaluate } = node;
  return function factToFactMask(start, end, out) {
    let hits = 0;
    for (let i = start, j = 0; i < end; i += 1, j += 1) {
      const fact = readFactValue(column, i);
      const value = readFactValue(valueColumn, i);
      const bit = evaluate(
        factPath ? factPath(fact) : fact,
        valuePath ? valuePath(value) : value,
      )
        ? 1
        : 0;
      out[j] = bit;
      hits += bit;
    }
    return hits;
  };
}

function booleanMask(kind: 'all' | 'any', children: MaskTest[], blockSize: number): MaskTest {
  const scratch = new Uint8Array(blockSize);
  const isAll = kind === 'all';
  return function booleanBlockMask(start, end, out) {
    const n = end - start;
    let hits = (children[0] as MaskTest)(start, end, out);
    for (let k = 1; k < children.length; k += 1) {
      // Short-circuit per block: nothing left to decide (the tree cannot throw, so skipping is safe).
      if (isAll ? hits === 0 : hits === n) break;
      (children[k] as MaskTest)(start, end, scratch);
      hits = 0;
      if (isAll) {
        for (let i = 0; i < n; i += 1) {
          const bit = (out[i] as number) & (scratch[i] as number);
          out[i] = bit;
          hits += bit;
        }
      } else {
        for (let i = 0; i < n; i += 1) {
          const bit = (out[i] as number) | (scratch[i] as number);
          out[i] = bit;
          hits += bit;
        }
      }
    }
    return hits;
  };
}

/**
 * Binds a condition tree to a fact table's columns for block-wise evaluation: leaves write Uint8
 * masks, `all`/`any` combine them with AND/OR. Only for trees that cannot throw (`mayThrow`
 * false), where evaluation order and short-circuiting cannot change the outcome.
 */
export function bindMaskTest(node: PlanNode, columnOf: ColumnOf, blockSize: number): MaskTest {
  switch (node.kind) {
    case 'fact':
      return node.valueSlot === undefined
        ? literalLeaf(node, columnOf(node.slot))
        : factToFactLeaf(node, columnOf, node.valueSlot);
    case 'condition':
      return bindMaskTest(node.target, columnOf, blockSize);
    case 'not': {
      const child = bindMaskTest(node.child, columnOf, blockSize);
      return function notMask(start, end, out) {
        const n = end - start;
        const hits = child(start, end, out);
        for (let i = 0; i < n; i += 1) out[i] = 1 - (out[i] as number);
        return n - hits;
      };
    }
    default: {
      // json-rules-engine treats an empty all/any as true.
      if (node.children.length === 0) return constant(true);
      const children = node.children.map((c) => bindMaskTest(c, columnOf, blockSize));
      if (children.length === 1) return children[0] as MaskTest;
      return booleanMask(node.kind, children, blockSize);
    }
  }
}
