import { createPathResolver } from '../compile/fact-reader';
import type { FactPlan, PlanNode } from '../compile/plan';
import { MISSING, NAN, NULL, readFactValue, type FactColumn } from './fact-table';

/**
 * Evaluates a condition for rows start..end-1 of a fact table into a bit mask: bit k of `out[w]`
 * is row `start + 32w + k` (bits past the last row stay 0). Returns how many rows hold, so
 * callers can skip empty blocks and `all`/`any` can stop early.
 */
export type MaskTest = (start: number, end: number, out: Int32Array) => number;

/** Looks up the table column read by a fact slot (undefined: every row reads undefined). */
export type ColumnOf = (slot: number) => FactColumn | undefined;

/** Set bits in a 32-bit word. */
export function popcount(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** The bits of word `w` that stand for rows of an n-row block. */
function validBits(n: number, w: number): number {
  const rows = n - (w << 5);
  return rows >= 32 ? -1 : (1 << rows) - 1;
}

function constant(result: boolean): MaskTest {
  return function constantMask(start, end, out) {
    const n = end - start;
    const words = (n + 31) >>> 5;
    for (let w = 0; w < words; w += 1) out[w] = result ? validBits(n, w) : 0;
    return result ? n : 0;
  };
}

/**
 * Packs `bitAt(row)` for rows start..end-1 (for the leaves that call an operator per row; the hot
 * leaves below inline their test instead). Bits are shifted in from the last row of each word.
 */
function packRows(bitAt: (row: number) => number): MaskTest {
  return function packedMask(start, end, out) {
    let hits = 0;
    for (let i = start, w = 0; i < end; i += 32, w += 1) {
      let bits = 0;
      for (let k = (i + 32 < end ? i + 32 : end) - 1; k >= i; k -= 1) bits = (bits << 1) | bitAt(k);
      out[w] = bits;
      if (bits !== 0) hits += popcount(bits);
    }
    return hits;
  };
}

/** Code columns: one lookup in a truth table computed from the distinct values. */
function lookupCodes(codes: Int32Array, table: Uint8Array): MaskTest {
  return function lookupCodesMask(start, end, out) {
    let hits = 0;
    for (let i = start, w = 0; i < end; i += 32, w += 1) {
      let bits = 0;
      for (let k = (i + 32 < end ? i + 32 : end) - 1; k >= i; k -= 1)
        bits = (bits << 1) | (table[codes[k] as number] as number);
      out[w] = bits;
      if (bits !== 0) hits += popcount(bits);
    }
    return hits;
  };
}

/** Boolean columns: as {@link lookupCodes} over byte codes. */
function lookupBooleans(codes: Uint8Array, table: Uint8Array): MaskTest {
  return function lookupBooleansMask(start, end, out) {
    let hits = 0;
    for (let i = start, w = 0; i < end; i += 32, w += 1) {
      let bits = 0;
      for (let k = (i + 32 < end ? i + 32 : end) - 1; k >= i; k -= 1)
        bits = (bits << 1) | (table[codes[k] as number] as number);
      out[w] = bits;
      if (bits !== 0) hits += popcount(bits);
    }
    return hits;
  };
}

/**
 * One loop per comparison so the comparison is inlined; NaN (no number) compares false. `+(a < b)`
 * compiles to a branch-free set-on-compare (a ternary becomes a mispredicted branch on real data).
 */
function compareNumbers(values: Float64Array, base: string, literal: number): MaskTest | undefined {
  switch (base) {
    case 'lessThan':
      return function lessThanMask(start, end, out) {
        let hits = 0;
        for (let i = start, w = 0; i < end; i += 32, w += 1) {
          let bits = 0;
          for (let k = (i + 32 < end ? i + 32 : end) - 1; k >= i; k -= 1)
            bits = (bits << 1) | +((values[k] as number) < literal);
          out[w] = bits;
          if (bits !== 0) hits += popcount(bits);
        }
        return hits;
      };
    case 'lessThanInclusive':
      return function lessThanInclusiveMask(start, end, out) {
        let hits = 0;
        for (let i = start, w = 0; i < end; i += 32, w += 1) {
          let bits = 0;
          for (let k = (i + 32 < end ? i + 32 : end) - 1; k >= i; k -= 1)
            bits = (bits << 1) | +((values[k] as number) <= literal);
          out[w] = bits;
          if (bits !== 0) hits += popcount(bits);
        }
        return hits;
      };
    case 'greaterThan':
      return function greaterThanMask(start, end, out) {
        let hits = 0;
        for (let i = start, w = 0; i < end; i += 32, w += 1) {
          let bits = 0;
          for (let k = (i + 32 < end ? i + 32 : end) - 1; k >= i; k -= 1)
            bits = (bits << 1) | +((values[k] as number) > literal);
          out[w] = bits;
          if (bits !== 0) hits += popcount(bits);
        }
        return hits;
      };
    case 'greaterThanInclusive':
      return function greaterThanInclusiveMask(start, end, out) {
        let hits = 0;
        for (let i = start, w = 0; i < end; i += 32, w += 1) {
          let bits = 0;
          for (let k = (i + 32 < end ? i + 32 : end) - 1; k >= i; k -= 1)
            bits = (bits << 1) | +((values[k] as number) >= literal);
          out[w] = bits;
          if (bits !== 0) hits += popcount(bits);
        }
        return hits;
      };
    case 'equal':
      return packRows((k) => (values[k] === literal ? 1 : 0));
    case 'notEqual':
      return packRows((k) => (values[k] !== literal ? 1 : 0));
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
  return packRows(function numberRowBit(k) {
    const value = values[k] as number;
    if (value === value) return test(value) ? 1 : 0;
    return other[states ? (states[k] as number) : MISSING] as number;
  });
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
      return lookupBooleans(
        column.codes,
        Uint8Array.from([undefined, null, false, true], (v) => (test(v) ? 1 : 0)),
      );
    case 'code': {
      const table = new Uint8Array(column.dictionary.length + 2);
      table[MISSING] = test(undefined) ? 1 : 0;
      table[NULL] = test(null) ? 1 : 0;
      column.dictionary.forEach((v, k) => (table[k + 2] = test(v) ? 1 : 0));
      return lookupCodes(column.codes, table);
    }
    case 'number': {
      const op = node.resolvedOperator;
      const plain = op.decorators.length === 0 && !op.custom && typeof literal === 'number';
      const inlined = plain ? compareNumbers(column.values, op.base, literal) : undefined;
      return inlined ?? numberRows(column.values, column.states, test);
    }
    default: {
      const { values } = column;
      return packRows((k) => (test(values[k]) ? 1 : 0));
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
  return packRows(function factToFactBit(k) {
    const fact = readFactValue(column, k);
    const value = readFactValue(valueColumn, k);
    return evaluate(factPath ? factPath(fact) : fact, valuePath ? valuePath(value) : value) ? 1 : 0;
  });
}

function booleanMask(kind: 'all' | 'any', children: MaskTest[], blockSize: number): MaskTest {
  const scratch = new Int32Array(blockSize >>> 5);
  const isAll = kind === 'all';
  return function booleanBlockMask(start, end, out) {
    const n = end - start;
    const words = (n + 31) >>> 5;
    let hits = (children[0] as MaskTest)(start, end, out);
    for (let c = 1; c < children.length; c += 1) {
      // Short-circuit per block: nothing left to decide (the tree cannot throw, so skipping is safe).
      if (isAll ? hits === 0 : hits === n) break;
      (children[c] as MaskTest)(start, end, scratch);
      hits = 0;
      for (let w = 0; w < words; w += 1) {
        const bits = isAll
          ? (out[w] as number) & (scratch[w] as number)
          : (out[w] as number) | (scratch[w] as number);
        out[w] = bits;
        if (bits !== 0) hits += popcount(bits);
      }
    }
    return hits;
  };
}

/** What binding needs: the table's columns, the block size, and how to bind a child node. */
export interface BindContext {
  readonly columnOf: ColumnOf;
  readonly blockSize: number;
  /** Binds a child (the caller may hand back a shared, block-cached test; see shared-masks). */
  bind(node: PlanNode): MaskTest;
}

/**
 * Binds a condition tree to a fact table's columns for block-wise evaluation: leaves write bit
 * masks, `all`/`any` combine them with AND/OR. Only for trees that cannot throw (`mayThrow`
 * false), where evaluation order and short-circuiting cannot change the outcome.
 */
export function bindMaskTest(node: PlanNode, context: BindContext): MaskTest {
  const { columnOf, blockSize } = context;
  switch (node.kind) {
    case 'fact':
      return node.valueSlot === undefined
        ? literalLeaf(node, columnOf(node.slot))
        : factToFactLeaf(node, columnOf, node.valueSlot);
    case 'condition':
      return context.bind(node.target);
    case 'not': {
      const child = context.bind(node.child);
      return function notMask(start, end, out) {
        const n = end - start;
        const hits = child(start, end, out);
        const words = (n + 31) >>> 5;
        for (let w = 0; w < words; w += 1) out[w] = ~(out[w] as number) & validBits(n, w);
        return n - hits;
      };
    }
    default: {
      // json-rules-engine treats an empty all/any as true.
      if (node.children.length === 0) return constant(true);
      const children = node.children.map((c) => context.bind(c));
      if (children.length === 1) return children[0] as MaskTest;
      return booleanMask(node.kind, children, blockSize);
    }
  }
}
