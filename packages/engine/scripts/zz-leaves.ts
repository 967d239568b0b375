import { createScorer, createFactTable } from '../src/index';
import { createSharedBinder } from '../src/columnar/shared-masks';
import { blockSize } from '../src/columnar/evaluate-table';
import { loadDemoRuleSet } from '../src/testing/demo-rule-set';
import { syntheticFacts } from '../src/testing/synthetic-facts';
const scorer = createScorer(loadDemoRuleSet());
const table = createFactTable(syntheticFacts(1_000_000, 1), { facts: scorer.compiled.factIds });
const ids = scorer.compiled.factIds;
const binder = createSharedBinder([], (slot) => table.columns.get(ids[slot]!), blockSize);
const mask = new Int32Array(blockSize >>> 5);
const rows: [string, number][] = [];
scorer.compiled.rules.forEach((rule, r) => {
  const test = binder.bind(rule.root);
  let best = 1e9;
  for (let k = 0; k < 6; k++) { const c0 = process.cpuUsage(); for (let s = 0; s < table.count; s += blockSize) test(s, Math.min(table.count, s + blockSize), mask); const c = process.cpuUsage(c0); best = Math.min(best, (c.user + c.system) / 1000); }
  rows.push([scorer.rules[r]!.rule.id, best]);
});
let total = 0; for (const [id, ms] of rows) { total += ms; console.log(id.padEnd(34), ms.toFixed(1)); } console.log('total', total.toFixed(0));
