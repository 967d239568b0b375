import type { PlanNode } from '../compile/plan';
import { bindMaskTest, type BindContext, type ColumnOf, type MaskTest } from './mask-test';

/** Whether JSON text tells this value apart from every other value an operator could see. */
function jsonFaithful(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  return Array.isArray(value) && value.every(jsonFaithful);
}

/**
 * What makes two subtrees evaluate alike: a named condition's plan is one shared object; two
 * leaves alike when they read the same fact and path with the same operator and value (-0 and 0
 * collapse in JSON, which no built-in operator tells apart; custom operators never get here).
 */
function nodeKey(node: PlanNode): PlanNode | string | undefined {
  if (node.kind !== 'fact') return node;
  if (node.valueSlot !== undefined) {
    return `${node.slot}\u0000${node.path ?? ''}\u0000${node.operator}\u0000fact ${node.valueSlot}\u0000${node.valueFact?.path ?? ''}`;
  }
  if (!jsonFaithful(node.value)) return undefined;
  return `${node.slot}\u0000${node.path ?? ''}\u0000${node.operator}\u0000${JSON.stringify(node.value)}`;
}

function countKeys(node: PlanNode, counts: Map<PlanNode | string, number>): void {
  const key = nodeKey(node);
  if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  // A shared subtree is counted once: its children are evaluated once per block anyway.
  if (key !== undefined && (counts.get(key) as number) > 1) return;
  if (node.kind === 'all' || node.kind === 'any')
    for (const c of node.children) countKeys(c, counts);
  else if (node.kind === 'not') countKeys(node.child, counts);
  else if (node.kind === 'condition') countKeys(node.target, counts);
}

/** Remembers the last block's mask so a second reader copies it instead of recomputing it. */
function blockCached(test: MaskTest, blockSize: number): MaskTest {
  const saved = new Int32Array(blockSize >>> 5);
  let savedStart = -1;
  let savedEnd = -1;
  let savedHits = 0;
  return function cachedMask(start, end, out) {
    const words = (end - start + 31) >>> 5;
    if (start === savedStart && end === savedEnd) {
      for (let w = 0; w < words; w += 1) out[w] = saved[w] as number;
      return savedHits;
    }
    savedHits = test(start, end, out);
    for (let w = 0; w < words; w += 1) saved[w] = out[w] as number;
    savedStart = start;
    savedEnd = end;
    return savedHits;
  };
}

/**
 * A bind context for the rules of one table: subtrees that occur more than once across the
 * rules (named conditions, repeated leaves such as `absenceDays ≥ 10`) are evaluated once per
 * block and shared.
 */
export function createSharedBinder(
  roots: readonly PlanNode[],
  columnOf: ColumnOf,
  blockSize: number,
): BindContext {
  const counts = new Map<PlanNode | string, number>();
  for (const root of roots) countKeys(root, counts);
  const shared = new Map<PlanNode | string, MaskTest>();
  const context: BindContext = {
    columnOf,
    blockSize,
    bind(node) {
      const key = nodeKey(node);
      if (key === undefined || (counts.get(key) ?? 0) < 2) return bindMaskTest(node, context);
      let test = shared.get(key);
      if (test === undefined) {
        test = blockCached(bindMaskTest(node, context), blockSize);
        shared.set(key, test);
      }
      return test;
    },
  };
  return context;
}
