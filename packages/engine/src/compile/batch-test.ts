import { createPathResolver } from './fact-reader';
import type { FactPlan, PlanNode } from './plan';

/** Fact columns by slot; a block is rows `start`..`end` of every column. */
export type Columns = readonly (ArrayLike<unknown> | undefined)[];
/** Evaluates a condition for rows start..end-1, writing 1/0 into out[0..end-start). */
export type BatchTest = (columns: Columns, start: number, end: number, out: Uint8Array) => void;

type Compare = (a: number, b: number) => boolean;
const compares: Readonly<Record<string, Compare>> = {
  lessThan: (a, b) => a < b,
  lessThanInclusive: (a, b) => a <= b,
  greaterThan: (a, b) => a > b,
  greaterThanInclusive: (a, b) => a >= b,
};

/** Stands in for a fact column nobody supplied: every row reads undefined. */
const missing: ArrayLike<unknown> = { length: 0 };

function leafBatch(node: FactPlan): BatchTest {
  const { slot, valueSlot, evaluate, resolvedOperator: op } = node;
  const literal = node.value;
  const plain = valueSlot === undefined && !node.path && op.decorators.length === 0 && !op.custom;
  if (plain && op.base === 'equal') {
    return function equalBatch(columns, start, end, out) {
      const col = columns[slot] ?? missing;
      for (let i = start; i < end; i += 1) out[i - start] = col[i] === literal ? 1 : 0;
    };
  }
  if (plain && Array.isArray(literal) && (op.base === 'in' || op.base === 'notIn')) {
    const hit = op.base === 'in' ? 1 : 0;
    return function inBatch(columns, start, end, out) {
      const col = columns[slot] ?? missing;
      for (let i = start; i < end; i += 1) out[i - start] = literal.indexOf(col[i]) > -1 ? hit : 1 - hit;
    };
  }
  const compare = compares[op.base];
  if (plain && compare !== undefined && typeof literal === 'number') {
    return function compareBatch(columns, start, end, out) {
      const col = columns[slot] ?? missing;
      for (let i = start; i < end; i += 1) {
        const fact = col[i];
        // Numbers skip the parseFloat check; other values go through json-rules-engine's rules.
        const pass = typeof fact === 'number' ? compare(fact, literal) : fact !== undefined && evaluate(fact, literal);
        out[i - start] = pass ? 1 : 0;
      }
    };
  }
  const factPath = createPathResolver(node.path);
  const valuePath = node.valueFact ? createPathResolver(node.valueFact.path) : undefined;
  return function leafBatchGeneric(columns, start, end, out) {
    const col = columns[slot];
    const valueCol = valueSlot === undefined ? undefined : columns[valueSlot];
    for (let i = start; i < end; i += 1) {
      const raw = col?.[i];
      const fact = factPath ? factPath(raw) : raw;
      let value = literal;
      if (valueSlot !== undefined) {
        const other = valueCol?.[i];
        value = valuePath ? valuePath(other) : other;
      }
      out[i - start] = evaluate(fact, value) ? 1 : 0;
    }
  };
}

/**
 * Column-wise evaluation of a condition tree for blocks of rows: one tight loop per leaf instead
 * of one closure call per row. Only for trees that cannot throw, where evaluation order and
 * short-circuiting cannot change the outcome.
 */
export function createBatchTest(node: PlanNode, blockSize: number): BatchTest {
  switch (node.kind) {
    case 'fact':
      return leafBatch(node);
    case 'condition':
      return createBatchTest(node.target, blockSize);
    case 'not': {
      const child = createBatchTest(node.child, blockSize);
      return function notBatch(columns, start, end, out) {
        child(columns, start, end, out);
        for (let i = 0; i < end - start; i += 1) out[i] = 1 - (out[i] as number);
      };
    }
    default: {
      const children = node.children.map((c) => createBatchTest(c, blockSize));
      const isAll = node.kind === 'all';
      if (children.length === 0) return (_c, start, end, out) => out.fill(1, 0, end - start);
      if (children.length === 1) return children[0] as BatchTest;
      const scratch = new Uint8Array(blockSize);
      return function booleanBatch(columns, start, end, out) {
        (children[0] as BatchTest)(columns, start, end, out);
        const n = end - start;
        for (let k = 1; k < children.length; k += 1) {
          (children[k] as BatchTest)(columns, start, end, scratch);
          if (isAll) for (let i = 0; i < n; i += 1) out[i] = (out[i] as number) & (scratch[i] as number);
          else for (let i = 0; i < n; i += 1) out[i] = (out[i] as number) | (scratch[i] as number);
        }
      };
    }
  }
}
