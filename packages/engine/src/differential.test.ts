import { describe, expect, it } from 'vitest';
import { runDifferential } from './testing/differential';

// 100,000 (rules, facts) cases in total across this file and differential-more.test.ts (run in
// parallel by vitest); each rule set is run against many fact records on one engine instance.
// Every case also goes through the typed fact-table path (alone, and in a table with the other
// records of its set), which must fire the same rules as json-rules-engine.
describe('compiled evaluator (row and fact-table paths) vs json-rules-engine 7.3 (allowUndefinedFacts)', () => {
  it('agrees on 50,000 random cases (seeds 1–10)', async () => {
    let cases = 0;
    let tableRows = 0;
    for (let seed = 1; seed <= 10; seed += 1) {
      const report = await runDifferential(seed, 100, 50);
      expect(report.mismatches).toEqual([]);
      expect(report.multiEvent).toBeGreaterThan(100);
      cases += report.cases;
      tableRows += report.tableRows;
    }
    expect(cases).toBe(50_000);
    expect(tableRows).toBeGreaterThan(90_000);
  });
});
