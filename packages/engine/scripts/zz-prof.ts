import { createScorer, createFactTable } from '../src/index';
import { loadDemoRuleSet } from '../src/testing/demo-rule-set';
import { syntheticFacts } from '../src/testing/synthetic-facts';
const scorer = createScorer(loadDemoRuleSet());
const records = syntheticFacts(1_000_000, 1);
const table = createFactTable(records, { facts: scorer.compiled.factIds });
for (let k = 0; k < 6; k++) {
  const c0 = process.cpuUsage(); const w0 = performance.now();
  scorer.scoreTable(table);
  const c = process.cpuUsage(c0);
  console.log('scoreTable wall', (performance.now() - w0).toFixed(0), 'cpu', ((c.user + c.system) / 1000).toFixed(0));
}
