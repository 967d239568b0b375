// Test-only: runs records through the typed fact-table path and compares it with the row path and
// with json-rules-engine's events.
import type { CompiledRules } from '../compile/compile-rules';
import { createTableEvaluator } from '../columnar/evaluate-table';
import { createFactTable } from '../columnar/fact-table';
import type { OracleOutcome } from './jre-oracle';

/** Fired rule indexes per row (ascending) through a fact table built from `records`. */
export function firedByTable(
  compiled: CompiledRules,
  records: readonly Record<string, unknown>[],
): number[][] {
  const fired = records.map(() => [] as number[]);
  createTableEvaluator(compiled)(createFactTable(records), (rule, start, end, mask) => {
    for (let row = start; row < end; row += 1) {
      const j = row - start;
      if (((mask[j >>> 5] as number) & (1 << (j & 31))) !== 0) fired[row]?.push(rule);
    }
  });
  return fired;
}

function eventKeys(events: readonly unknown[]): string {
  return JSON.stringify(events.map((e) => JSON.stringify(e)).sort());
}

/**
 * Checks the table path on `rows` (records whose json-rules-engine run completed): the fired
 * rules must equal the row path's, and their events json-rules-engine's (as a multiset: a table
 * has no event order). Returns a description of the first disagreement, if any.
 */
export function checkTable(
  compiled: CompiledRules,
  rows: readonly { facts: Record<string, unknown>; expected: OracleOutcome & { ok: true } }[],
): string | undefined {
  let fired: number[][];
  try {
    fired = firedByTable(
      compiled,
      rows.map((r) => r.facts),
    );
  } catch (error) {
    return `table path threw: ${String(error)}`;
  }
  for (let i = 0; i < rows.length; i += 1) {
    const { facts, expected } = rows[i]!;
    const table = fired[i] ?? [];
    const row = compiled.fired(facts).map((plan) => plan.index);
    const events = table.map((r) => compiled.rules[r]?.event);
    if (
      JSON.stringify(table) !== JSON.stringify(row) ||
      eventKeys(events) !== eventKeys(expected.events)
    ) {
      return `row ${i} of ${rows.length}: table fired ${JSON.stringify(table)}, row path ${JSON.stringify(row)}, json-rules-engine ${JSON.stringify(expected.events)}`;
    }
  }
  return undefined;
}

/** A record whose json-rules-engine run rejects must make the table path throw too. */
export function checkTableRejects(
  compiled: CompiledRules,
  facts: Record<string, unknown>,
): string | undefined {
  try {
    firedByTable(compiled, [facts]);
  } catch {
    return undefined;
  }
  return 'table path did not throw where json-rules-engine rejected';
}
