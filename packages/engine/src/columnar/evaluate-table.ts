import type { CompiledRules } from '../compile/compile-rules';
import type { Test } from '../compile/plan';
import { readFactValue, type FactTable } from './fact-table';
import type { ColumnOf, MaskTest } from './mask-test';
import { createSharedBinder } from './shared-masks';

/** Rows per block (a multiple of 32): one block's masks stay in cache while every rule runs. */
export const blockSize = 2048;

/**
 * Receives, per rule and block, the rows whose conditions hold: bit k of `mask[w]` is row
 * `start + 32w + k`. Only called for blocks where at least one row holds.
 */
export type MaskVisitor = (rule: number, start: number, end: number, mask: Int32Array) => void;

/**
 * Runs compiled rules over a fact table, block by block: `visit` gets each rule's mask, then
 * `blockDone` (if given) is called once the block's rules have all run.
 */
export type TableEvaluator = (
  table: FactTable,
  visit: MaskVisitor,
  blockDone?: (start: number, end: number) => void,
) => void;

/**
 * The exact row-by-row path, for rules that can throw: there json-rules-engine's evaluation
 * order and short-circuits decide whether the run rejects, so the compiled row test is used as is.
 */
function rowMask(test: Test, columnOf: ColumnOf, slotCount: number): MaskTest {
  const columns = Array.from({ length: slotCount }, (_, slot) => columnOf(slot));
  const values = new Array<unknown>(slotCount);
  return function rowByRowMask(start, end, out) {
    let hits = 0;
    out.fill(0);
    for (let i = start; i < end; i += 1) {
      // In row order, so the first row that throws is the one json-rules-engine rejects on.
      for (let s = 0; s < slotCount; s += 1) values[s] = readFactValue(columns[s], i);
      if (!test(values)) continue;
      const row = i - start;
      out[row >>> 5] = (out[row >>> 5] as number) | (1 << (row & 31));
      hits += 1;
    }
    return hits;
  };
}

/**
 * Creates the columnar evaluator for compiled rules: each rule is bound to the table's typed
 * columns (leaf tests specialised by operator and column type) and evaluated block-wise into
 * masks. Outcomes are identical to `compiled.fired(facts)` for every row (checked against
 * json-rules-engine by the differential test).
 *
 * @example
 * const evaluateTable = createTableEvaluator(compiled);
 * evaluateTable(createFactTable(records), (rule, start, end, mask) => { … });
 */
export function createTableEvaluator(compiled: CompiledRules): TableEvaluator {
  const { factIds } = compiled;
  return function evaluateTable(table, visit, blockDone) {
    const columnOf: ColumnOf = (slot) => table.columns.get(factIds[slot] as string);
    const safe = compiled.rules.filter((rule) => !rule.root.mayThrow).map((rule) => rule.root);
    const binder = createSharedBinder(safe, columnOf, blockSize);
    const tests = compiled.rules.map((rule) =>
      rule.root.mayThrow ? rowMask(rule.test, columnOf, factIds.length) : binder.bind(rule.root),
    );
    const mask = new Int32Array(blockSize >>> 5);
    for (let start = 0; start < table.count; start += blockSize) {
      const end = Math.min(table.count, start + blockSize);
      for (let r = 0; r < tests.length; r += 1) {
        if ((tests[r] as MaskTest)(start, end, mask) > 0) visit(r, start, end, mask);
      }
      blockDone?.(start, end);
    }
  };
}
