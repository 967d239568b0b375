import type { CompiledRules } from '../compile/compile-rules';
import type { Test } from '../compile/plan';
import { readFactValue, type FactTable } from './fact-table';
import { bindMaskTest, type ColumnOf, type MaskTest } from './mask-test';

/** Rows per block: the masks of one block stay in cache while every rule runs over it. */
export const blockSize = 2048;

/**
 * Receives, per rule and block, the rows whose conditions hold: `mask[j]` is 1 for row
 * `start + j` (j < end - start); `hits` rows hold. Only called for blocks where at least one does.
 */
export type MaskVisitor = (
  rule: number,
  start: number,
  end: number,
  mask: Uint8Array,
  hits: number,
) => void;

/** Runs compiled rules over a fact table, block by block. */
export type TableEvaluator = (table: FactTable, visit: MaskVisitor) => void;

/**
 * The exact row-by-row path, for rules that can throw: there json-rules-engine's evaluation
 * order and short-circuits decide whether the run rejects, so the compiled row test is used as is.
 */
function rowMask(test: Test, columnOf: ColumnOf, slotCount: number): MaskTest {
  const columns = Array.from({ length: slotCount }, (_, slot) => columnOf(slot));
  const values = new Array<unknown>(slotCount);
  return function rowByRowMask(start, end, out) {
    let hits = 0;
    for (let i = start, j = 0; i < end; i += 1, j += 1) {
      for (let s = 0; s < slotCount; s += 1) values[s] = readFactValue(columns[s], i);
      const bit = test(values) ? 1 : 0;
      out[j] = bit;
      hits += bit;
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
  return function evaluateTable(table, visit) {
    const columnOf: ColumnOf = (slot) => table.columns.get(factIds[slot] as string);
    const tests = compiled.rules.map((rule) =>
      rule.root.mayThrow
        ? rowMask(rule.test, columnOf, factIds.length)
        : bindMaskTest(rule.root, columnOf, blockSize),
    );
    const mask = new Uint8Array(blockSize);
    for (let start = 0; start < table.count; start += blockSize) {
      const end = Math.min(table.count, start + blockSize);
      for (let r = 0; r < tests.length; r += 1) {
        const hits = (tests[r] as MaskTest)(start, end, mask);
        if (hits > 0) visit(r, start, end, mask, hits);
      }
    }
  };
}
