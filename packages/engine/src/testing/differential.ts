// Test-only: runs generated rule sets through json-rules-engine and the compiler and compares.
import { compileRules } from '../compile/compile-rules';
import { createOracle, type OracleOutcome } from './jre-oracle';
import {
  createRandom,
  customDecorators,
  customOperators,
  randomFactIds,
  randomFacts,
  randomRuleSet,
  randomTypedFacts,
  typedKinds,
  type TypedKind,
} from './random-cases';
import { checkTable, checkTableRejects } from './table-check';

/** Summary of a differential run; `mismatches` holds reproducible details of the first few. */
export interface DifferentialReport {
  cases: number;
  rejected: number;
  multiEvent: number;
  /** Rows checked through the typed fact-table path (each case alone, and in tables per set). */
  tableRows: number;
  mismatches: string[];
}

interface Case {
  facts: Record<string, unknown>;
  typed: boolean;
  expected: OracleOutcome;
}

/**
 * Runs `ruleSets` random rule sets × `factsPerSet` random fact records from `seed`. Every record
 * goes through json-rules-engine and the row path (`evaluate`: same events in the same order);
 * then through the fact-table path, alone (its columns typed by its own values) and with the
 * other records of its set (mixed columns, and typed columns for the records generated with one
 * kind per fact).
 */
export async function runDifferential(
  seed: number,
  ruleSets: number,
  factsPerSet: number,
): Promise<DifferentialReport> {
  const random = createRandom(seed);
  const report: DifferentialReport = {
    cases: 0,
    rejected: 0,
    multiEvent: 0,
    tableRows: 0,
    mismatches: [],
  };
  const options = { operators: customOperators, decorators: customDecorators };
  for (let s = 0; s < ruleSets; s += 1) {
    const { rules, conditions } = randomRuleSet(random);
    const oracle = createOracle(rules, { ...options, conditions });
    const compiled = compileRules(rules, { ...options, conditions });
    const kinds: Record<string, TypedKind> = Object.fromEntries(
      randomFactIds.map((id) => [id, random.pick(typedKinds)]),
    );
    const cases: Case[] = [];
    const fail = (where: string, detail: string, facts: unknown): void => {
      if (report.mismatches.length < 5) {
        report.mismatches.push(
          `seed ${seed} set ${s} ${where}\nrules ${JSON.stringify({ rules, conditions })}\nfacts ${JSON.stringify(facts)}\n${detail}`,
        );
      }
    };
    for (let k = 0; k < factsPerSet; k += 1) {
      const typed = k % 4 === 3;
      const facts = typed ? randomTypedFacts(random, kinds) : randomFacts(random);
      const expected = await oracle(facts);
      cases.push({ facts, typed, expected });
      let actual: string;
      try {
        actual = JSON.stringify(compiled.evaluate(facts).events);
      } catch (error) {
        actual = `rejected: ${String(error)}`;
      }
      report.cases += 1;
      if (!expected.ok) report.rejected += 1;
      else if (expected.events.length > 1) report.multiEvent += 1;
      const same = expected.ok
        ? actual === JSON.stringify(expected.events)
        : actual.startsWith('rejected');
      if (!same) {
        const want = expected.ok ? JSON.stringify(expected.events) : expected.error;
        fail(`case ${k}`, `json-rules-engine ${want}\nours ${actual}`, facts);
      }
      const alone = expected.ok
        ? checkTable(compiled, [{ facts, expected }])
        : checkTableRejects(compiled, facts);
      report.tableRows += 1;
      if (alone !== undefined) fail(`case ${k} (fact table of one row)`, alone, facts);
    }
    for (const typed of [false, true]) {
      const rows = cases.flatMap((c) =>
        c.typed === typed && c.expected.ok ? [{ facts: c.facts, expected: c.expected }] : [],
      );
      const together = checkTable(compiled, rows);
      report.tableRows += rows.length;
      if (together !== undefined) {
        fail(
          `(fact table of ${typed ? 'typed' : 'mixed'} records)`,
          together,
          rows.map((r) => r.facts),
        );
      }
    }
  }
  return report;
}
