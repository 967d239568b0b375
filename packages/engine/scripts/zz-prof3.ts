import { createScorer, createFactTable } from '../src/index';
import { loadDemoRuleSet } from '../src/testing/demo-rule-set';
import { syntheticFacts } from '../src/testing/synthetic-facts';
const scorer = createScorer(loadDemoRuleSet());
let records: Record<string, unknown>[] | undefined = syntheticFacts(1_000_000, 1);
const table = createFactTable(records, { facts: scorer.compiled.factIds });
records = undefined;
for (let k = 0; k < 8; k++) {
  const c0 = process.cpuUsage(); const r0 = process.resourceUsage();
  scorer.scoreTable(table);
  const c = process.cpuUsage(c0); const r1 = process.resourceUsage();
  console.log('user', (c.user / 1000).toFixed(0), 'sys', (c.system / 1000).toFixed(0), 'minflt', r1.minorPageFault - r0.minorPageFault);
}
